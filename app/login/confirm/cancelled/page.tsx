import type { Metadata } from 'next';
import Link from 'next/link';
import { getSession } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign-in cancelled' };

/**
 * GET /login/confirm/cancelled: where "No, cancel" on /login/confirm lands (a 303 from
 * POST /api/auth/confirm/cancel). The cancel signed nobody in; a session this browser already had
 * is untouched, and the page says so.
 */
export default async function CancelledPage() {
  const current = await getSession();
  return (
    <div className="card">
      <h1>Sign-in cancelled</h1>
      <p className="alert ok" role="status" data-testid="cancelled-status">
        Sign-in cancelled. Nobody was signed in.
      </p>
      {current ? (
        <>
          <p data-testid="cancelled-current">
            You are still signed in as <strong>{current.email}</strong> in this browser.
          </p>
          <Link className="button" href="/dashboard">
            Go to your dashboard
          </Link>
        </>
      ) : (
        <Link className="button" href="/login">
          Back to sign-in
        </Link>
      )}
    </div>
  );
}
