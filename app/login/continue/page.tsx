import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { PendingButton } from '@/app/components/pending-button';
import { continueLinkIsLive } from '@/lib/auth/continue-links';
import { getEnv } from '@/lib/env';
import { getStore } from '@/lib/store';

export const metadata: Metadata = { title: 'Continue signing in', robots: { index: false } };

type Params = Promise<Record<string, string | string[] | undefined>>;

/**
 * GET /login/continue?t=…: where our own sign-in email points. Opening it changes nothing (mail
 * scanners fetch every link, with GET and HEAD); the sign-in goes on only with the button's POST.
 */
export default async function ContinuePage({ searchParams }: { searchParams: Params }) {
  const { t } = await searchParams;
  const token = typeof t === 'string' ? t : '';
  const live = await continueLinkIsLive(getStore(), token, getEnv().appUrl).catch(() => false);
  // Used, expired or never issued: the login page says so, as for any other dead link.
  if (!live) redirect('/login?error=expired');
  return (
    <div className="card">
      <h1>Continue signing in</h1>
      <p>Press the button to finish signing in. The link works once.</p>
      <form method="post" action="/api/auth/continue">
        <input type="hidden" name="t" value={token} />
        <PendingButton pendingLabel="Signing in…">Continue</PendingButton>
      </form>
      <p className="muted">
        Why a button? Email security scanners open every link in an email; this step keeps them from using up
        your sign-in.
      </p>
    </div>
  );
}
