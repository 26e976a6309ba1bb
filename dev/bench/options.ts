// The knobs of `npm run bench:http` (environment variables) and the pages it drives. Pure.
import { TRIVIAL_PAGE_URL, type BuildName } from './variants.ts';

export type StoreName = 'memory' | 'upstash';
export type PageName = 'login' | 'dashboard' | 'dashboard-anon' | 'trivial';

export type Page = {
  name: PageName;
  path: string;
  /** What the page is: shown in the report. */
  label: string;
  /** Sent with the session cookie of a real sign-in. */
  signedIn: boolean;
  /** The status class every response must have (2 = 2xx, 3 = a redirect); anything else fails the run. */
  expect: 2 | 3;
  /** The builds that serve it (the trivial page exists only in the variant copies). */
  builds?: readonly BuildName[];
};

export const PAGES: readonly Page[] = [
  { name: 'login', path: '/login', label: '/login', signedIn: false, expect: 2 },
  { name: 'dashboard', path: '/dashboard', label: '/dashboard signed in', signedIn: true, expect: 2 },
  { name: 'dashboard-anon', path: '/dashboard', label: '/dashboard anonymous', signedIn: false, expect: 3 },
  {
    name: 'trivial',
    path: TRIVIAL_PAGE_URL,
    label: `${TRIVIAL_PAGE_URL} (trivial page)`,
    signedIn: false,
    expect: 2,
    builds: ['none'],
  },
];

export type BenchOptions = {
  seconds: number;
  rounds: number;
  connections: number;
  /** Requests sent to each page of each build before the rounds (a count: it finishes however busy the machine is). */
  warmupRequests: number;
  stores: StoreName[];
  pages: Page[];
  /** Keep the copies and builds here (and reuse builds found there) instead of a temp dir. */
  dir: string | undefined;
};

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got '${raw}').`);
  return value;
}

function list<T extends string>(env: Env, name: string, allowed: readonly T[]): T[] {
  const raw = env[name]?.trim();
  if (!raw) return [...allowed];
  const picked = raw.split(',').map((item) => item.trim());
  const unknown = picked.filter((item) => !(allowed as readonly string[]).includes(item));
  if (unknown.length > 0 || picked.length === 0)
    throw new Error(`${name} is a comma-separated list of ${allowed.join(', ')} (got '${raw}').`);
  return allowed.filter((item) => picked.includes(item));
}

/** Reads BENCH_* variables; a bad value throws an Error whose message names the variable. */
export function benchOptions(env: Env): BenchOptions {
  const pageNames = list(
    env,
    'BENCH_PAGES',
    PAGES.map((page) => page.name),
  );
  return {
    seconds: int(env, 'BENCH_SECONDS', 3, 1, 600),
    rounds: int(env, 'BENCH_ROUNDS', 2, 1, 50),
    connections: int(env, 'BENCH_CONNECTIONS', 20, 1, 1000),
    warmupRequests: int(env, 'BENCH_WARMUP_REQUESTS', 100, 0, 100_000),
    stores: list<StoreName>(env, 'BENCH_STORES', ['memory', 'upstash']),
    pages: PAGES.filter((page) => pageNames.includes(page.name)),
    dir: env.BENCH_DIR?.trim() || undefined,
  };
}

/** The builds that serve `page`, in the order they are driven. */
export function buildsFor(page: Page, builds: readonly BuildName[]): BuildName[] {
  return builds.filter((build) => !page.builds || page.builds.includes(build));
}

/**
 * The order the builds are driven in round `round` (1-based): each round starts one build later
 * (app, pass-through, no-auth, none; then pass-through, no-auth, none, app; …), so no build is
 * always the first after the warm-up or always follows the same one.
 */
export function roundOrder<T>(order: readonly T[], round: number): T[] {
  const shift = order.length === 0 ? 0 : (round - 1) % order.length;
  return [...order.slice(shift), ...order.slice(0, shift)];
}

/** Seconds of measured load the options ask for (warm-up not included), to print before starting. */
export function plannedLoadSeconds(options: BenchOptions, builds: readonly BuildName[]): number {
  const runs = options.pages.reduce((sum, page) => sum + buildsFor(page, builds).length, 0);
  return options.stores.length * runs * options.rounds * options.seconds;
}
