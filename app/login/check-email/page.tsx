import type { Metadata } from 'next';
import Link from 'next/link';
import { PendingButton } from '@/app/components/pending-button';
import { readBinding } from '@/lib/auth/flow-cookies';
import { maskEmail } from '@/lib/auth/mask';
import { getEnv } from '@/lib/env';
import { CodeForm } from './code-form';

export const metadata: Metadata = { title: 'Check your email' };

/** "in 10 minutes", "in 1 minute", "in less than a minute": never "in 0 minutes". */
function inMinutes(ms: number): string {
  const left = ms - Date.now();
  if (left < 60_000) return 'in less than a minute';
  const minutes = Math.round(left / 60_000);
  return minutes === 1 ? 'in 1 minute' : `in ${minutes} minutes`;
}

const timeOf = (ms: number) =>
  `${new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(ms))} UTC`;

type Params = Promise<Record<string, string | string[] | undefined>>;

/** GET /login/check-email: where the form lands after a link (or code) was requested. */
export default async function CheckEmailPage({ searchParams }: { searchParams: Params }) {
  const { error } = await searchParams;
  const method = getEnv().signInMethod;
  const code = method !== 'link';
  const what = { link: 'link', code: 'code', 'link+code': 'link and code' }[method];
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
        We sent a sign-in {what} to{' '}
        <strong data-testid="masked-email">{maskEmail(binding.email)}</strong>.
      </p>
      <p>
        {method === 'code' ? 'Type it below to sign in. The code works' : null}
        {method === 'link' ? 'Open it on this device to sign in. The link works' : null}
        {method === 'link+code'
          ? 'Type the code below, or open the link on this device. Whichever you use first works'
          : null}{' '}
        once and expires {inMinutes(binding.expiresAt)}, at{' '}
        <time dateTime={new Date(binding.expiresAt).toISOString()}>{timeOf(binding.expiresAt)}</time>.
      </p>
      {code ? <CodeForm error={typeof error === 'string' ? error : undefined} /> : null}
      <p className="muted">
        Nothing arrived? Check your spam folder, or send a new {method === 'link' ? 'link' : 'code'}.
      </p>
      <div className="actions">
        <form method="post" action={action}>
          <input type="hidden" name="email" value={binding.email} />
          <input type="hidden" name="returnTo" value={binding.returnTo} />
          {binding.remember ? <input type="hidden" name="remember" value="true" /> : null}
          <PendingButton pendingLabel="Sending…">
            {code ? 'Send a new code' : 'Resend the link'}
          </PendingButton>
        </form>
        <Link className="button secondary" href={differentEmail}>
          Use a different email
        </Link>
      </div>
    </div>
  );
}
