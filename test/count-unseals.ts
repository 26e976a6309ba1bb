import type * as ironSession from 'iron-session';

/** How many times iron-session's unsealData ran since the test last set it to 0. */
export const unseals = { count: 0 };

/**
 * iron-session with unsealData counted, not replaced (the cookies stay real iron seals). Use as
 * `vi.mock('iron-session', async (importOriginal) => (await import('…/count-unseals.ts')).countingIronSession(importOriginal))`.
 */
export async function countingIronSession(importOriginal: () => Promise<unknown>) {
  const real = (await importOriginal()) as typeof ironSession;
  return {
    ...real,
    unsealData: (...args: Parameters<typeof real.unsealData>) => {
      unseals.count += 1;
      return real.unsealData(...args);
    },
  };
}
