import 'server-only';
import { sealData, unsealData } from 'iron-session';
import { cookies } from 'next/headers';
import { getEnv } from '../env.ts';
import { cookieName, isSecureOrigin } from './session-config.ts';
import { CONFIRM_TTL_SECONDS } from './confirmations.ts';

// Short-lived cookies of the sign-in flow, kept apart from the session cookie (docs/security.md §7.3).

/** The sealed binding cookie: ties attempts to this browser and remembers the pending request. */
export type Binding = {
  /** The origin (APP_URL) that sealed it; a cookie sealed elsewhere is unreadable here. */
  aud?: string;
  /** Random secret; attempts store only its SHA-256. */
  secret: string;
  email: string;
  returnTo: string;
  remember: boolean;
  organizationId: string | null;
  /** When the newest link expires (ms since the epoch). */
  expiresAt: number;
  /** How many sign-in emails this browser asked for in this pending request (same address and organization). */
  sends?: number;
  /** When the newest of them was asked for (ms since the epoch). */
  sentAt?: number;
};

const BIND = 'pl_bind';
const CONFIRM = 'pl_confirm';
const TYPED = 'pl_typed';
/** How long the login form remembers what was typed after an error (one page load, with slack). */
const TYPED_TTL_SECONDS = 120;

function options(maxAge: number) {
  return { httpOnly: true, secure: isSecureOrigin(), sameSite: 'lax' as const, path: '/', maxAge };
}

/** The binding of this browser: `present` is true even when the cookie is unreadable (tampered). */
export async function readBinding(): Promise<{ present: boolean; binding: Binding | null }> {
  const value = (await cookies()).get(cookieName(BIND))?.value;
  if (!value) return { present: false, binding: null };
  try {
    const data = await unsealData<Partial<Binding>>(value, { password: getEnv().sessionPasswords });
    const valid =
      data.aud === getEnv().appUrl && typeof data.secret === 'string' && typeof data.email === 'string';
    return { present: true, binding: valid ? (data as Binding) : null };
  } catch {
    return { present: true, binding: null };
  }
}

/** Writes the binding cookie for `ttlSeconds`. */
export async function writeBinding(binding: Binding, ttlSeconds: number): Promise<void> {
  const { appUrl, sessionPasswords } = getEnv();
  const seal = await sealData(
    { ...binding, aud: appUrl },
    { password: sessionPasswords, ttl: ttlSeconds + 60 },
  );
  (await cookies()).set(cookieName(BIND), seal, options(ttlSeconds));
}

/** Removes the binding cookie (after a completed sign-in). */
export async function clearBinding(): Promise<void> {
  (await cookies()).set(cookieName(BIND), '', options(0));
}

/** The pending cross-device confirmation token in this browser, if any. */
export async function readConfirmToken(): Promise<string | null> {
  return (await cookies()).get(cookieName(CONFIRM))?.value ?? null;
}

/** Remembers a confirmation token in this browser for the confirmation's lifetime. */
export async function writeConfirmToken(token: string): Promise<void> {
  (await cookies()).set(cookieName(CONFIRM), token, options(CONFIRM_TTL_SECONDS));
}

/** Forgets the confirmation token. */
export async function clearConfirmToken(): Promise<void> {
  (await cookies()).set(cookieName(CONFIRM), '', options(0));
}

/**
 * Remembers the address a form error sends back to the login page, sealed in a short-lived cookie,
 * so the address never rides in a URL (history, logs, Referer).
 */
export async function writeTypedEmail(email: string): Promise<void> {
  const { appUrl, sessionPasswords } = getEnv();
  const seal = await sealData({ email, aud: appUrl }, { password: sessionPasswords, ttl: TYPED_TTL_SECONDS });
  (await cookies()).set(cookieName(TYPED), seal, options(TYPED_TTL_SECONDS));
}

/** The address the login form had when its last error came back, if still fresh. */
export async function readTypedEmail(): Promise<string | null> {
  const value = (await cookies()).get(cookieName(TYPED))?.value;
  if (!value) return null;
  type Typed = { email?: unknown; aud?: unknown };
  const empty: Typed = {};
  const data = await unsealData<Typed>(value, { password: getEnv().sessionPasswords }).catch(() => empty);
  return data.aud === getEnv().appUrl && typeof data.email === 'string' ? data.email.slice(0, 254) : null;
}
