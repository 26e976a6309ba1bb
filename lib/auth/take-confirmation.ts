import 'server-only';
import { getEnv } from '../env.ts';
import { getStore } from '../store/index.ts';
import { consumeConfirmation, type Confirmation } from './confirmations.ts';
import { clearConfirmToken, readConfirmToken } from './flow-cookies.ts';

/**
 * Uses this browser's pending cross-device confirmation exactly once (for "Yes" and for "No,
 * cancel" alike) and forgets its cookie; null when there is none, it expired, or the store failed.
 */
export async function takeConfirmation(): Promise<Confirmation | null> {
  const token = await readConfirmToken();
  await clearConfirmToken();
  if (!token) return null;
  return consumeConfirmation(getStore(), token, getEnv().appUrl).catch(() => null);
}
