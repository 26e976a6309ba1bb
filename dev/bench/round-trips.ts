// Store round trips per operation on the Upstash store, for `npm run bench:http`: the bridge's
// counters are zeroed, the operation runs alone (nothing else talks to that server meanwhile),
// and what the counters then hold is divided by the number of operations.
import type { PerOp, RoundTrips } from './print.ts';
import { signIn, type SignInTarget } from './sign-in.ts';
import type { LocalUpstash } from './upstash.ts';
import type { BuildName } from './variants.ts';

const VIEWS = 20;

async function count(upstash: LocalUpstash, times: number, work: () => Promise<unknown>): Promise<PerOp> {
  await upstash.reset();
  for (let i = 0; i < times; i++) await work();
  await new Promise((resolve) => setTimeout(resolve, 20)); // anything a handler does after answering
  const { requests, commands } = await upstash.stats();
  return { requests: requests / times, commands: commands / times };
}

const get = (url: string, cookie?: string) =>
  fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} }).then((r) => r.arrayBuffer());

/**
 * One more real sign-in of `email` (its request and its callback counted apart) and 20 views of
 * each page; `cookie` is a session of this server's.
 */
export async function countRoundTrips(
  upstash: LocalUpstash,
  target: SignInTarget,
  email: string,
  cookie: string,
): Promise<[string, PerOp][]> {
  const steps: Partial<Record<'request' | 'callback', PerOp>> = {};
  await signIn(target, email, async (step, run) => {
    let response: Awaited<ReturnType<typeof run>> | undefined;
    steps[step] = await count(upstash, 1, async () => (response = await run()));
    return response!;
  });
  const url = target.appUrl;
  return [
    ['sign-in request (POST /api/auth/passwordless)', steps.request!],
    ['sign-in callback (GET /api/auth/callback)', steps.callback!],
    [
      'protected page view (/dashboard signed in)',
      await count(upstash, VIEWS, () => get(`${url}/dashboard`, cookie)),
    ],
    ['/dashboard anonymous', await count(upstash, VIEWS, () => get(`${url}/dashboard`))],
    ['/login', await count(upstash, VIEWS, () => get(`${url}/login`))],
  ];
}

/** Adds one build's counts to the table (one row per operation, one column per build). */
export function addRoundTrips(table: RoundTrips, build: BuildName, counted: [string, PerOp][]): void {
  for (const [step, perOp] of counted) {
    let row = table.find((candidate) => candidate.step === step);
    if (!row) table.push((row = { step, perBuild: {} }));
    row.perBuild[build] = perOp;
  }
}
