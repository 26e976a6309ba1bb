// The final report of `npm run bench:http`, as text. Pure: figures in, lines out.
import type { FirstLoadJs } from './first-load-js.ts';
import { buildsFor, type Page, type StoreName } from './options.ts';
import {
  addedCost,
  formatPercent,
  formatRatio,
  kib,
  roundRatios,
  summarize,
  table,
  verdict,
  type Measure,
  type Run,
} from './report.ts';
import type { BuildName } from './variants.ts';

/** Store traffic per operation: HTTP requests to Upstash (round trips) and Redis commands in them. */
export type PerOp = { requests: number; commands: number };
export type RoundTrips = { step: string; perBuild: Partial<Record<BuildName, PerOp>> }[];
export type FirstLoad = { label: string; js: FirstLoadJs }[];

export type ReportInput = {
  stores: readonly StoreName[];
  pages: readonly Page[];
  builds: readonly BuildName[];
  runs: readonly Run[];
  roundTrips: RoundTrips;
  firstLoad: FirstLoad;
};

const RATIOS: [BuildName, BuildName][] = [
  ['app', 'pass-through'],
  ['app', 'no-auth'],
  ['app', 'none'],
  ['no-auth', 'none'],
  ['pass-through', 'none'],
];

function figures(input: ReportInput, store: StoreName): string[] {
  const rows = [['page', 'build', 'req/s (range)', 'p50 ms', 'p99 ms', 'CPU ms/req', 'RSS MiB']];
  for (const page of input.pages)
    for (const [i, build] of buildsFor(page, input.builds).entries()) {
      const s = summarize(input.runs, store, page.name, build);
      if (!s) continue;
      const range = s.rps.min === s.rps.max ? '' : ` (${s.rps.min.toFixed(0)}-${s.rps.max.toFixed(0)})`;
      rows.push([
        i === 0 ? page.label : '',
        build,
        `${s.rps.median.toFixed(1)}${range}`,
        s.p50.toFixed(0),
        s.p99.toFixed(0),
        s.cpuMsPerRequest.toFixed(2),
        (s.rssKb / 1024).toFixed(0),
      ]);
    }
  const ratios = (measure: Measure, title: string) => {
    const ratioRows = [[title, ...RATIOS.map(([a, b]) => `${a}/${b}`)]];
    for (const page of input.pages.filter((p) => !p.builds))
      ratioRows.push([
        page.label,
        ...RATIOS.map(([a, b]) => formatRatio(roundRatios(input.runs, store, page.name, a, b, measure))),
      ]);
    return table(ratioRows);
  };
  return [
    `${store} store`,
    table(rows, 2),
    '',
    ratios('rps', 'req/s ratio'),
    '',
    ratios('cpu', 'by CPU ms/req'),
  ];
}

function targets(input: ReportInput): string[] {
  const lines = [
    'Targets (issue 12; on the memory store, Upstash beside; "by CPU" is the same ratio from the',
    "server's CPU time per request, which leaves out the time autocannon and other work take):",
  ];
  const dashboard = (measure: Measure) =>
    input.stores.map((store) => {
      const ratio = roundRatios(input.runs, store, 'dashboard', 'app', 'pass-through', measure);
      const judged = store === 'memory' && ratio ? `, ${verdict(ratio.median, { atLeast: 0.9 })}` : '';
      return `${store} ${formatRatio(ratio)}${judged}`;
    });
  lines.push('  /dashboard signed in, app / pass-through middleware:');
  lines.push(`    req/s:  ${dashboard('rps').join('; ')}`);
  lines.push(`    by CPU: ${dashboard('cpu').join('; ')}`);
  const login = (measure: Measure) =>
    input.stores.map((store) => {
      const ratio = roundRatios(input.runs, store, 'login', 'app', 'none', measure);
      if (!ratio) return `${store} n/a`;
      const cost = addedCost(ratio);
      const judged =
        store === 'memory'
          ? `, ${verdict(Number(cost.median.toFixed(2)), { atMost: 0.1 }, (v) => `${v * 100}%`)}`
          : '';
      return `${store} ${formatPercent(cost)} (app/none ${formatRatio(ratio)})${judged}`;
    });
  lines.push("  /login, the middleware's added cost against no middleware:");
  lines.push(`    req/s:  ${login('rps').join('; ')}`);
  lines.push(`    by CPU: ${login('cpu').join('; ')}`);
  return lines;
}

function roundTrips(input: ReportInput): string[] {
  if (input.roundTrips.length === 0) return [];
  const count = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
  const rows = [['Upstash round trips / commands', ...input.builds]];
  for (const { step, perBuild } of input.roundTrips)
    rows.push([
      step,
      ...input.builds.map((build) => {
        const op = perBuild[build];
        return op ? `${count(op.requests)} / ${count(op.commands)}` : '-';
      }),
    ]);
  return [
    'Store round trips per operation: HTTP requests the Upstash client made (counted at the local',
    'bridge) / Redis commands in them. The memory store makes the same calls, in-process.',
    table(rows),
  ];
}

function firstLoad(input: ReportInput): string[] {
  if (input.firstLoad.length === 0) return [];
  const rows = [['first-load JS', 'scripts', 'raw', 'gzip']];
  for (const { label, js } of input.firstLoad)
    rows.push([label, String(js.files), kib(js.rawBytes), kib(js.gzipBytes)]);
  const [first, ...rest] = input.firstLoad;
  const signed = (bytes: number) => `${bytes < 0 ? '-' : '+'}${kib(Math.abs(bytes))}`;
  const deltas = rest.map(
    ({ label, js }) =>
      `${first!.label} over ${label}: ${signed(first!.js.gzipBytes - js.gzipBytes)} gzip` +
      ` (${signed(first!.js.rawBytes - js.rawBytes)} raw)`,
  );
  return [table(rows), ...deltas];
}

export function report(input: ReportInput): string {
  const sections = [
    ...input.stores.map((store) => figures(input, store).join('\n')),
    targets(input).join('\n'),
    roundTrips(input).join('\n'),
    firstLoad(input).join('\n'),
  ];
  return sections.filter(Boolean).join('\n\n');
}
