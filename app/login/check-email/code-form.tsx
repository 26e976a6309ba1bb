import { PendingButton } from '@/app/components/pending-button';
import { errorMessage, isAuthErrorCode } from '@/lib/auth/errors';

/**
 * The code field of SIGN_IN_METHOD=code and link+code: one input that takes what people paste ("123 456"),
 * posting to /api/auth/code. No address in it: the server reads this browser's binding cookie.
 */
export function CodeForm({ error }: { error: string | undefined }) {
  const message = isAuthErrorCode(error) ? errorMessage(error) : null;
  return (
    <form className="code-form" method="post" action="/api/auth/code">
      {message ? (
        <p className="alert error" role="alert" id="code-error">
          {message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="code">Sign-in code</label>
        <input
          id="code"
          name="code"
          type="text"
          required
          maxLength={32}
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck={false}
          aria-describedby={message ? 'code-error' : undefined}
        />
      </div>
      <PendingButton pendingLabel="Checking…">Sign in</PendingButton>
    </form>
  );
}
