// One autocannon run for `npm run bench:http`: `connections` keep-alive connections for `seconds`,
// in this process. A run whose responses are not all of the expected kind (a signed-in page that
// redirects, an error) measured the wrong thing and fails loudly instead of printing a figure.
import autocannon from 'autocannon';

export type LoadResult = { rps: number; p50: number; p99: number; requests: number };

export type LoadSpec = {
  url: string;
  seconds: number;
  /** Send this many requests instead of running for `seconds` (the warm-up). */
  amount?: number;
  connections: number;
  /** The status class every response must have: 2 (2xx) or 3 (a redirect). */
  expect: 2 | 3;
  headers?: Record<string, string>;
};

/** `{ '200': 512, '303': 1 }` as `200 x512, 303 x1`. */
function describeCodes(stats: autocannon.Result['statusCodeStats']): string {
  return Object.entries(stats ?? {})
    .map(([code, { count }]) => `${code} x${count ?? 0}`)
    .join(', ');
}

export async function drive(spec: LoadSpec): Promise<LoadResult> {
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    ...(spec.amount ? { amount: spec.amount } : {}),
    headers: spec.headers,
    timeout: 30,
  });
  const expected = spec.expect === 2 ? result['2xx'] : result['3xx'];
  const total = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  if (total === 0)
    throw new Error(`${spec.url}: no answer finished within ${spec.seconds} s (raise BENCH_SECONDS)`);
  if (result.errors > 0 || expected !== total)
    throw new Error(
      `${spec.url}: expected only ${spec.expect}xx answers, got ${describeCodes(result.statusCodeStats) || 'none'}` +
        ` and ${result.errors} connection errors (${result.timeouts} timeouts)`,
    );
  return {
    // Answers per second over the run's own duration (autocannon's per-second average rounds to
    // whole seconds, which is coarse for short runs).
    rps: total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: total,
  };
}
