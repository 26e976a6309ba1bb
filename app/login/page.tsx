import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { PendingButton } from '@/app/components/pending-button';
import { errorMessage, isAuthErrorCode } from '@/lib/auth/errors';
import { DEFAULT_RETURN_TO, safeReturnTo } from '@/lib/auth/return-to';
import { readTypedEmail } from '@/lib/auth/flow-cookies';
import { getSession } from '@/lib/auth/session';
import { ResendLink } from './resend-link';
import { SignOutNotice } from './sign-out-notice';

export const metadata: Metadata = { title: 'Sign in' };

type Params = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);
const ORG_ID = /^org_[A-Za-z0-9]{1,64}$/;

/**
 * GET /login: the email form (works without JavaScript), with any error from `?error=` and what a
 * sign-out did (`?signout=`).
 */
export default async function LoginPage({ searchParams }: { searchParams: Params }) {
  const params = await searchParams;
  const returnTo = safeReturnTo(single(params.returnTo)) ?? DEFAULT_RETURN_TO;
  if (await getSession()) redirect(returnTo);
  const error = single(params.error);
  // After a form error, what the person had typed (kept in a sealed cookie, not in the URL).
  const typedEmail = error ? ((await readTypedEmail()) ?? undefined) : undefined;
  const org = single(params.org);
  const orgId = org && ORG_ID.test(org) ? org : undefined;
  const action = orgId ? `/api/auth/passwordless/${orgId}` : '/api/auth/passwordless';
  return (
    <div className="card">
      <h1>Sign in</h1>
      <p className="muted">
        {orgId ? 'Sign in with your organization email.' : 'We will email you a link that signs you in.'}
      </p>
      <SignOutNotice signout={single(params.signout)} />
      {isAuthErrorCode(error) ? (
        <p className="alert error" role="alert" id="form-error">
          {errorMessage(error)}
        </p>
      ) : null}
      <ResendLink error={error} />
      <form method="post" action={action}>
        <div className="field">
          <label htmlFor="email">Email address</label>
          <input
            id="email"
            name="email"
            type="email"
            required
            maxLength={254}
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            defaultValue={typedEmail}
            aria-describedby={isAuthErrorCode(error) ? 'form-error' : undefined}
          />
        </div>
        <label className="check">
          <input type="checkbox" name="remember" value="true" />
          Keep me signed in for 30 days
        </label>
        <input type="hidden" name="returnTo" value={returnTo} />
        <PendingButton pendingLabel="Sending link…">Email me a sign-in link</PendingButton>
      </form>
    </div>
  );
}
