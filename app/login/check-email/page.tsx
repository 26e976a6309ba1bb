import type { Metadata } from 'next';
import Link from 'next/link';
import { PendingButton } from '@/app/components/pending-button';
import { readBinding } from '@/lib/auth/flow-cookies';
import { maskEmail } from '@/lib/auth/mask';

export const metadata: Metadata = { title: 'Check your email' };

const minutesUntil = (ms: number) => Math.max(0, Math.round((ms - Date.now()) / 60_000));

const timeOf = (ms: number) =>
  `${new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(ms))} UTC`;

/** GET /login/check-email: where the form lands after a link was requested. */
export default async function CheckEmailPage() {
  const { binding } = await readBinding();
  if (!binding) {
    return (
      <div className="card">
        <h1>Check your email</h1>
        <p>
          If you asked for a sign-in link, it is in your inbox. It works once and expires after 10 minutes.
        </p>
        <Link href="/login">Request a new link</Link>
      </div>
    );
  }
  const minutes = minutesUntil(binding.expiresAt);
  const action = binding.organizationId
    ? `/api/auth/passwordless/${binding.organizationId}`
    : '/api/auth/passwordless';
  const differentEmail = `/login?${new URLSearchParams({
    returnTo: binding.returnTo,
    ...(binding.organizationId ? { org: binding.organizationId } : {}),
  })}`;
  return (
    <div className="card">
      <h1>Check your email</h1>
      <p className="alert ok" role="status">
        We sent a sign-in link to <strong data-testid="masked-email">{maskEmail(binding.email)}</strong>.
      </p>
      <p>
        Open it on this device to sign in. The link works once and expires in {minutes} minutes, at{' '}
        <time dateTime={new Date(binding.expiresAt).toISOString()}>{timeOf(binding.expiresAt)}</time>.
      </p>
      <p className="muted">Nothing arrived? Check your spam folder, or send a new link.</p>
      <div className="actions">
        <form method="post" action={action}>
          <input type="hidden" name="email" value={binding.email} />
          <input type="hidden" name="returnTo" value={binding.returnTo} />
          {binding.remember ? <input type="hidden" name="remember" value="true" /> : null}
          <PendingButton pendingLabel="Sending…">Resend the link</PendingButton>
        </form>
        <Link className="button secondary" href={differentEmail}>
          Use a different email
        </Link>
      </div>
    </div>
  );
}
