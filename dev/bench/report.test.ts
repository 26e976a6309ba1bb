import { describe, expect, it } from 'vitest';
import { scriptUrls } from './first-load-js.ts';
import { benchOptions, plannedLoadSeconds, roundOrder } from './options.ts';
import {
  addedCost,
  formatPercent,
  formatRatio,
  median,
  roundRatios,
  summarize,
  table,
  verdict,
  type Run,
} from './report.ts';

const run = (build: Run['build'], round: number, rps: number, cpuMsPerRequest = 1): Run => ({
  store: 'memory',
  page: 'dashboard',
  build,
  round,
  rps,
  p50: rps / 10,
  p99: rps / 5,
  rssKb: 1000 * round,
  cpuMsPerRequest,
});

describe('figures', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('ratios are taken round by round, then summarized', () => {
    const runs = [
      run('app', 1, 90),
      run('pass-through', 1, 100),
      run('app', 2, 40),
      run('pass-through', 2, 50),
    ];
    const ratio = roundRatios(runs, 'memory', 'dashboard', 'app', 'pass-through');
    expect(ratio?.median).toBeCloseTo(0.85);
    expect(ratio).toMatchObject({ min: 0.8, max: 0.9 });
    expect(formatRatio(ratio)).toBe('0.85x (0.80-0.90)');
    expect(roundRatios(runs, 'memory', 'dashboard', 'app', 'none')).toBeNull();
    expect(formatRatio(null)).toBe('n/a');
  });

  it('by CPU, a build that spends more CPU per request has the lower ratio, whatever req/s said', () => {
    // Round 2 was slowed down by other work on the machine (req/s halved), not by the builds.
    const runs = [
      run('app', 1, 90, 4),
      run('pass-through', 1, 100, 3.6),
      run('app', 2, 45, 4),
      run('pass-through', 2, 100, 3),
    ];
    expect(formatRatio(roundRatios(runs, 'memory', 'dashboard', 'app', 'pass-through'))).toBe(
      '0.68x (0.45-0.90)',
    );
    const byCpu = roundRatios(runs, 'memory', 'dashboard', 'app', 'pass-through', 'cpu');
    expect(byCpu).toMatchObject({ min: 0.75, max: 0.9 });
    expect(byCpu?.median).toBeCloseTo(0.825);
    // A run without CPU figures (no /proc) gives no ratio rather than a wrong one.
    const blind = [run('app', 1, 90, 0), run('pass-through', 1, 100, 0)];
    expect(roundRatios(blind, 'memory', 'dashboard', 'app', 'pass-through', 'cpu')).toBeNull();
  });

  it('summarize keeps the last RSS and the median latencies', () => {
    const runs = [run('app', 2, 50), run('app', 1, 100)];
    expect(summarize(runs, 'memory', 'dashboard', 'app')).toEqual({
      rps: { median: 75, min: 50, max: 100 },
      p50: 7.5,
      p99: 15,
      cpuMsPerRequest: 1,
      rssKb: 2000,
    });
    expect(summarize(runs, 'upstash', 'dashboard', 'app')).toBeNull();
  });

  it('added cost is the extra time per request: app/none 0.8 is 25%', () => {
    const cost = addedCost({ median: 0.8, min: 0.5, max: 1 });
    expect(cost.median).toBeCloseTo(0.25);
    expect(cost.min).toBeCloseTo(0);
    expect(cost.max).toBeCloseTo(1);
    expect(formatPercent(cost)).toBe('25% (0%-100%)');
    expect(verdict(0.25, { atMost: 0.1 }, (v) => `${v * 100}%`)).toBe('target <= 10%: missed');
    expect(verdict(0.93, { atLeast: 0.9 })).toBe('target >= 0.9: met');
  });

  it('table pads columns', () => {
    expect(
      table([
        ['a', 'bb'],
        ['ccc', 'd'],
      ]),
    ).toBe('a    bb\nccc   d');
    expect(
      table(
        [
          ['a', 'bb', '1'],
          ['ccc', 'd', '22'],
        ],
        2,
      ),
    ).toBe('a    bb   1\nccc  d   22');
  });
});

describe('options', () => {
  it('defaults: 2 rounds of 3 s, 20 connections, both stores, every page', () => {
    const options = benchOptions({});
    expect(options).toMatchObject({ seconds: 3, rounds: 2, connections: 20, stores: ['memory', 'upstash'] });
    expect(options.pages.map((page) => page.name)).toEqual([
      'login',
      'dashboard',
      'dashboard-anon',
      'trivial',
    ]);
    // 3 pages on 4 builds and the trivial page on one: 13 runs of 2 x 3 s per store.
    expect(plannedLoadSeconds(options, ['app', 'pass-through', 'no-auth', 'none'])).toBe(2 * 13 * 6);
  });

  it('each round starts one build later', () => {
    const builds = ['app', 'pass-through', 'no-auth', 'none'];
    expect(roundOrder(builds, 1)).toEqual(builds);
    expect(roundOrder(builds, 2)).toEqual(['pass-through', 'no-auth', 'none', 'app']);
    expect(roundOrder(builds, 4)).toEqual(['none', 'app', 'pass-through', 'no-auth']);
    expect(roundOrder(builds, 5)).toEqual(builds);
    expect(roundOrder(['none'], 3)).toEqual(['none']);
  });

  it('names the variable that is wrong', () => {
    expect(() => benchOptions({ BENCH_SECONDS: '0' })).toThrow(/BENCH_SECONDS must be a whole number from 1/);
    expect(() => benchOptions({ BENCH_STORES: 'redis' })).toThrow(/BENCH_STORES is a comma-separated list/);
    expect(benchOptions({ BENCH_PAGES: 'dashboard, login' }).pages.map((p) => p.name)).toEqual([
      'login',
      'dashboard',
    ]);
  });
});

describe('scriptUrls', () => {
  it('collects script sources and script preloads once each', () => {
    const html =
      '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/a.js"/>' +
      '<link rel="stylesheet" href="/_next/static/x.css"/>' +
      '<script src="/_next/static/chunks/a.js" async="" nonce="n"></script>' +
      '<script nonce="n">self.__next_f.push([1])</script><script src="/b.js?v=1&amp;w=2"></script>';
    expect(scriptUrls(html)).toEqual(['/_next/static/chunks/a.js', '/b.js?v=1&w=2']);
  });
});
