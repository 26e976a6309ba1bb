import 'server-only';
import { getEnv } from '../../env.ts';
import { getStore } from '../../store/index.ts';
import { createAttempt, discardAttempt } from '../attempts.ts';
import { createContinueLink, discardContinueLink } from '../continue-links.ts';
import { sha256Hex } from '../tokens.ts';
import { getWorkOS } from '../workos.ts';
import type { SendContext } from './send-context.ts';

// WorkOS accepts expires_in from 900 s; the app's own attempt TTL (<= 600 s) is what decides.
const WORKOS_EXPIRES_IN = 900;

/** A Magic Link made and stored, not yet delivered; `discard` undoes it when a later step fails. */
export type PreparedLink = {
  /** What the email carries: our /login/continue page (own delivery) or the WorkOS link. */
  link: string;
  workosSessionId: string;
  /** SHA-256 of the state: the attempt's key, which a paired code (link+code) consumes too. */
  stateHash: string;
  /** SHA-256 of the continue token (own delivery), so a paired code can retire the page. */
  continueHash: string | null;
  discard: () => Promise<void>;
};

/**
 * Stores the attempt under a fresh state, asks WorkOS for the link and, with our own delivery,
 * puts it behind a scanner-proof continue token. Nothing is left behind when a step fails.
 */
export async function prepareLink(context: SendContext): Promise<PreparedLink> {
  const env = getEnv();
  const store = getStore();
  const { email, returnTo, remember, organizationId } = context.request;
  const attempt = {
    email,
    returnTo,
    remember,
    bindHash: context.bindHash,
    createdAt: context.createdAt,
    organizationId,
    connectionId: context.connectionId,
    origin: env.appUrl,
  };
  const state = await createAttempt(store, attempt, env.magicLinkTtlSeconds);
  let continueToken: string | null = null;
  const discard = async () => {
    // Whatever WorkOS did or sent, a link whose attempt is gone only ever says "expired".
    await discardAttempt(store, state).catch(() => undefined);
    if (continueToken) await discardContinueLink(store, continueToken).catch(() => undefined);
  };
  try {
    const session = await context.budget.call('create_session', () =>
      getWorkOS().passwordless.createSession({
        type: 'MagicLink',
        email,
        redirectURI: `${env.appUrl}/api/auth/callback`,
        state,
        expiresIn: WORKOS_EXPIRES_IN,
        ...(context.connectionId ? { connection: context.connectionId } : {}),
      }),
    );
    // Our own email carries a scanner-proof link to this app, never the WorkOS link itself.
    if (env.email.delivery === 'smtp') {
      continueToken = await createContinueLink(store, {
        workosLink: session.link,
        origin: env.appUrl,
        passwords: env.sessionPasswords,
        ttlSeconds: env.magicLinkTtlSeconds,
      });
    }
    return {
      link: continueToken ? `${env.appUrl}/login/continue?t=${continueToken}` : session.link,
      workosSessionId: session.id,
      stateHash: await sha256Hex(state),
      continueHash: continueToken ? await sha256Hex(continueToken) : null,
      discard,
    };
  } catch (error) {
    await discard();
    throw error;
  }
}
