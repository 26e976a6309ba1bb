import type { Metadata } from 'next';
import Link from 'next/link';
import { PendingButton } from '@/app/components/pending-button';
import { readBinding } from '@/lib/auth/flow-cookies';
import { getEnv } from '@/lib/env';
import { minutesLeft } from '@/lib/time-text';
import { CodeForm } from './code-form';
import { SentNotice } from './sent-notice';

export const metadata: Metadata = { title: 'Check your email' };

type Params = Promise<Record<string, string | string[] | undefined>>;

/** GET /login/check-email: where the form lands after a link (or code) was requested. */
export default async function CheckEmailPage({ searchParams }: { searchParams: Params }) {
  const { error } = await searchParams;
  const method = getEnv().signInMethod;
  const code = method !== 'link';
  const { binding } = await readBinding();
  if (!binding) {
    return (
      <div className="card">
        <h1>Check your email</h1>
        <p>
          If you asked for a sign-in link, it is in your inbox. It works once and expires{' '}
          {minutesLeft(getEnv().magicLinkTtlSeconds * 1000, 0)} after it was sent.
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
      <SentNotice binding={binding} />
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
