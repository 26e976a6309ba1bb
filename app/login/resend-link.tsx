import { PendingButton } from '@/app/components/pending-button';
import { readBinding } from '@/lib/auth/flow-cookies';
import { maskEmail } from '@/lib/auth/mask';

/**
 * One click to a fresh link after a dead one, for the browser that asked for it (its binding
 * cookie knows the address, so nothing is typed again and the address stays out of the URL).
 */
export async function ResendLink({ error }: { error: string | undefined }) {
  if (error !== 'expired') return null;
  const { binding } = await readBinding();
  if (!binding) return null;
  const action = binding.organizationId
    ? `/api/auth/passwordless/${binding.organizationId}`
    : '/api/auth/passwordless';
  return (
    <form method="post" action={action} className="resend">
      <input type="hidden" name="email" value={binding.email} />
      <input type="hidden" name="returnTo" value={binding.returnTo} />
      {binding.remember ? <input type="hidden" name="remember" value="true" /> : null}
      <p>
        Send a new link to <strong>{maskEmail(binding.email)}</strong>:
      </p>
      <PendingButton pendingLabel="Sending…">Email me a new link</PendingButton>
    </form>
  );
}
