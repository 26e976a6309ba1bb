// Figures of `npm run bench:http`: per-run results in, summary rows and ratio lines out. Pure.
import type { PageName, StoreName } from './options.ts';
import type { BuildName } from './variants.ts';

/** One autocannon run against one build. */
export type Run = {
  store: StoreName;
  page: PageName;
  build: BuildName;
  round: number;
  rps: number;
  p50: number;
  p99: number;
  /** VmRSS of the next-server process right after the run, in KiB. */
  rssKb: number;
  /** CPU time the server's processes used during the run, per answered request, in ms. */
  cpuMsPerRequest: number;
};

/**
 * What a ratio compares: `rps`, answers per second; `cpu`, the same as a throughput, from the
 * server's CPU time per request (den's over num's: what req/s would be with the cores to itself).
 */
export type Measure = 'rps' | 'cpu';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type Spread = { median: number; min: number; max: number };

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

const select = (runs: readonly Run[], store: StoreName, page: PageName, build: BuildName) =>
  runs.filter((run) => run.store === store && run.page === page && run.build === build);

/** req/s, median p50/p99 and the last RSS of one page on one build; null when it was not driven. */
export function summarize(runs: readonly Run[], store: StoreName, page: PageName, build: BuildName) {
  const mine = select(runs, store, page, build).sort((a, b) => a.round - b.round);
  if (mine.length === 0) return null;
  return {
    rps: spread(mine.map((run) => run.rps)),
    p50: median(mine.map((run) => run.p50)),
    p99: median(mine.map((run) => run.p99)),
    cpuMsPerRequest: median(mine.map((run) => run.cpuMsPerRequest)),
    rssKb: mine.at(-1)!.rssKb,
  };
}

/**
 * req/s of `num` over `den` (or the same from CPU time per request, see Measure), computed round by
 * round (the runs of a round are close in time, so drift of a shared machine mostly cancels), then
 * the median and range; null when either build was not driven in some round.
 */
export function roundRatios(
  runs: readonly Run[],
  store: StoreName,
  page: PageName,
  num: BuildName,
  den: BuildName,
  measure: Measure = 'rps',
): Spread | null {
  const a = select(runs, store, page, num);
  const b = select(runs, store, page, den);
  const ratios = a.flatMap((run) => {
    const other = b.find((candidate) => candidate.round === run.round);
    if (!other) return [];
    if (measure === 'cpu')
      return run.cpuMsPerRequest > 0 && other.cpuMsPerRequest > 0
        ? [other.cpuMsPerRequest / run.cpuMsPerRequest]
        : [];
    return other.rps > 0 ? [run.rps / other.rps] : [];
  });
  return ratios.length > 0 ? spread(ratios) : null;
}

/** `0.87x (0.85-0.89)`; the range is left out when there is one round. */
export function formatRatio(ratio: Spread | null): string {
  if (!ratio) return 'n/a';
  const range = ratio.min === ratio.max ? '' : ` (${ratio.min.toFixed(2)}-${ratio.max.toFixed(2)})`;
  return `${ratio.median.toFixed(2)}x${range}`;
}

/**
 * The cost a middleware adds per request against a build without it, from the req/s ratio
 * app/none: a request takes none/app - 1 longer (app/none 0.8 is 25% added cost).
 */
export function addedCost(ratio: Spread): Spread {
  const cost = (r: number) => 1 / r - 1;
  return { median: cost(ratio.median), min: cost(ratio.max), max: cost(ratio.min) };
}

export function formatPercent(value: Spread): string {
  const pct = (v: number) => `${(v * 100).toFixed(0)}%`;
  return value.min === value.max
    ? pct(value.median)
    : `${pct(value.median)} (${pct(value.min)}-${pct(value.max)})`;
}

/** `met` or `missed` for a target on the median, with the target spelled out. */
export function verdict(
  value: number,
  target: { atLeast?: number; atMost?: number },
  show: (value: number) => string = String,
): string {
  if (target.atLeast !== undefined)
    return `target >= ${show(target.atLeast)}: ${value >= target.atLeast ? 'met' : 'missed'}`;
  const atMost = target.atMost ?? Infinity;
  return `target <= ${show(atMost)}: ${value <= atMost ? 'met' : 'missed'}`;
}

/** Columns padded to their widest cell: the first `left` left-aligned, the others right-aligned. */
export function table(rows: readonly (readonly string[])[], left = 1): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i < left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Bytes as KiB with one decimal. */
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
