import { LocalTime } from '@/app/components/local-time';
import { earlierSendsNote, emailMayStateLater } from '@/lib/auth/check-email-copy';
import type { Binding } from '@/lib/auth/flow-cookies';
import { getEnv } from '@/lib/env';
import { minutesLeft } from '@/lib/time-text';

const isoOf = (ms: number) => new Date(ms).toISOString();

const INSTRUCTION = {
  link: 'Open it on this device to sign in. ',
  code: 'Type it below to sign in. ',
  'link+code': 'Type the code below, or open the link on this device. ',
} as const;

/**
 * What was sent, to which address (in full: the page is no-store and the address never in its
 * URL), and until when it works. After a resend it also says when, and what the emails sent
 * earlier still do, so nobody has to guess which one to open.
 */
export function SentNotice({ binding }: { binding: Binding }) {
  const env = getEnv();
  const method = env.signInMethod;
  const noun = { link: 'link', code: 'code', 'link+code': 'link and code' }[method];
  const resent = (binding.sends ?? 1) > 1;
  const until = <LocalTime iso={isoOf(binding.expiresAt)} />;
  const left = minutesLeft(binding.expiresAt);
  // The app's lifetime is what counts; a WorkOS email may name WorkOS's own, later one.
  const later = emailMayStateLater({
    delivery: env.email.delivery,
    method,
    ttlSeconds: env.magicLinkTtlSeconds,
  });
  return (
    <>
      <p className="alert ok" role="status">
        {resent ? `We sent another ${noun} to ` : `We sent a sign-in ${noun} to `}
        <strong className="address" data-testid="sent-to">
          {binding.email}
        </strong>
        {resent && binding.sentAt ? (
          <>
            {' at '}
            <LocalTime iso={isoOf(binding.sentAt)} />
          </>
        ) : null}
        .
      </p>
      <p data-testid="lifetime">
        {INSTRUCTION[method]}
        {later ? (
          <>
            The {noun} works once, until {until} ({left} from now), even if the email gives a later time.
          </>
        ) : (
          <>
            {method === 'link+code' ? 'Whichever you use first works' : `The ${noun} works`} once and expires
            in {left}, at {until}.
          </>
        )}
      </p>
      {resent ? <p data-testid="earlier-sends">{earlierSendsNote(method)}</p> : null}
    </>
  );
}
