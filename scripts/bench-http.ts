// `npm run bench:http` (issue 12): production builds of the app and of three variants made on the
// fly in temp copies (pass-through middleware, middleware without the auth check, no middleware),
// each served by `next start` on the memory store and on Upstash (local redis-server + REST
// bridge), driven in turn with autocannon. Prints req/s, p50/p99 and RSS per page and build, the
// ratios between builds (the figures: ratios, not absolute times), store round trips per
// operation, and first-load JS of /login against a trivial page. Knobs: README "Benchmarks".
//
// Run with Node 22.18+ (`node scripts/bench-http.ts`: Node strips the types itself).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCopy, hasBuild, makeCopy, repoFiles } from '../dev/bench/copies.ts';
import { firstLoadJs } from '../dev/bench/first-load-js.ts';
import { drive } from '../dev/bench/load.ts';
import {
  benchOptions,
  buildsFor,
  roundOrder,
  plannedLoadSeconds,
  type BenchOptions,
  type StoreName,
} from '../dev/bench/options.ts';
import { report, type FirstLoad, type RoundTrips } from '../dev/bench/print.ts';
import {
  cleanup,
  installCleanupHandlers,
  onCleanup,
  removeAtExit,
  wasInterrupted,
} from '../dev/bench/processes.ts';
import type { Run } from '../dev/bench/report.ts';
import { startServer, type Server } from '../dev/bench/server.ts';
import { countRoundTrips, addRoundTrips } from '../dev/bench/round-trips.ts';
import { signIn } from '../dev/bench/sign-in.ts';
import { startLocalUpstash } from '../dev/bench/upstash.ts';
import { BUILDS, TRIVIAL_PAGE_URL, type BuildName } from '../dev/bench/variants.ts';
import { freePort } from '../dev/upstash-local/index.ts';
import { startEmulator } from '../dev/workos-emulator/index.ts';

const repo = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const builds = BUILDS.map((build) => build.name);
const sessionPassword = randomBytes(32).toString('base64url');
const runId = randomBytes(4).toString('hex');
const loadavg = () =>
  `load average ${os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}`;
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** Makes (or, under BENCH_DIR, reuses) the copy and production build of each variant. */
async function buildAll(root: string): Promise<Record<BuildName, string>> {
  const files = repoFiles(repo);
  const dirs = {} as Record<BuildName, string>;
  for (const [i, { name, label }] of BUILDS.entries()) {
    const dir = path.join(root, name);
    dirs[name] = dir;
    if (hasBuild(dir)) {
      console.log(`  ${name}: reusing the build in ${dir} (BENCH_DIR; delete it to rebuild)`);
      continue;
    }
    const started = Date.now();
    makeCopy(repo, files, name, dir);
    await buildCopy(dir, path.join(root, `build-${name}.log`));
    console.log(`  built ${i + 1}/${BUILDS.length} ${name} (${label}) in ${seconds(started)}`);
  }
  return dirs;
}

async function measureStore(
  store: StoreName,
  options: BenchOptions,
  dirs: Record<BuildName, string>,
  emulator: { url: string; apiKey: string; clientId: string; port: number },
  out: { runs: Run[]; roundTrips: RoundTrips; firstLoad: FirstLoad },
) {
  const upstash = store === 'upstash' ? await startLocalUpstash() : undefined;
  const servers = {} as Record<BuildName, Server>;
  const cookies = {} as Record<BuildName, string>;
  try {
    for (const build of builds) {
      const started = Date.now();
      const server = await startServer({
        dir: dirs[build],
        port: await freePort(),
        logFile: path.join(dirs[build], '..', `server-${store}-${build}.log`),
        sessionPassword,
        emulator,
        upstash,
        keyPrefix: `bench-${runId}-${build}`,
      });
      servers[build] = server;
      const target = { appUrl: server.url, emulatorUrl: emulator.url };
      const email = (n: number) => `bench-${runId}-${store}-${build}-${n}@example.com`;
      cookies[build] = await signIn(target, email(1));
      console.log(`  ${store}/${build}: next start on ${server.url}, signed in (${seconds(started)})`);
      if (upstash)
        addRoundTrips(
          out.roundTrips,
          build,
          await countRoundTrips(upstash, target, email(2), cookies[build]),
        );
    }
    if (out.firstLoad.length === 0) {
      out.firstLoad.push({ label: '/login (app)', js: await firstLoadJs(`${servers.app.url}/login`) });
      const trivial = `${servers.none.url}${TRIVIAL_PAGE_URL}`;
      out.firstLoad.push({ label: `${TRIVIAL_PAGE_URL} (trivial page)`, js: await firstLoadJs(trivial) });
    }
    const load = (build: BuildName, page: BenchOptions['pages'][number], amount?: number) =>
      drive({
        url: `${servers[build].url}${page.path}`,
        seconds: options.seconds,
        amount,
        connections: options.connections,
        expect: page.expect,
        headers: page.signedIn ? { cookie: cookies[build] } : {},
      });
    if (options.warmupRequests > 0) {
      console.log(`  ${store}: warming up (${options.warmupRequests} requests per page and build)`);
      for (const page of options.pages)
        for (const build of buildsFor(page, builds)) await load(build, page, options.warmupRequests);
    }
    for (let round = 1; round <= options.rounds; round++)
      for (const page of options.pages)
        for (const build of roundOrder(buildsFor(page, builds), round)) {
          const cpuBefore = servers[build].cpuMs();
          const result = await load(build, page);
          const cpuMsPerRequest = (servers[build].cpuMs() - cpuBefore) / result.requests;
          const rssKb = servers[build].rssKb();
          out.runs.push({ store, page: page.name, build, round, ...result, rssKb, cpuMsPerRequest });
          const figures =
            `${result.rps.toFixed(1)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms` +
            `  CPU ${cpuMsPerRequest.toFixed(2)} ms/req`;
          const rss = `RSS ${(rssKb / 1024).toFixed(0)} MiB`;
          console.log(`  ${store} round ${round} ${page.label} ${build}: ${figures}  ${rss}  (${loadavg()})`);
        }
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    await upstash?.stop();
  }
}

async function main() {
  const options = benchOptions(process.env);
  const root = options.dir ? path.resolve(options.dir) : mkdtempSync(path.join(os.tmpdir(), 'bench-http-'));
  mkdirSync(root, { recursive: true });
  if (!options.dir) removeAtExit(root);
  const load = plannedLoadSeconds(options, builds);
  console.log(
    `bench:http: ${options.rounds} rounds x ${options.seconds} s, ${options.connections} connections, ` +
      `stores ${options.stores.join(' + ')}; about ${Math.max(1, Math.round(load / 60))} min of load after the builds.`,
  );
  console.log(`Copies and builds in ${root}${options.dir ? ' (kept)' : ' (removed at the end)'}:`);
  const started = Date.now();
  const startLoad = loadavg();
  const dirs = await buildAll(root);
  console.log(`  builds ready in ${seconds(started)}`);
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, smtpPort: 0 });
  onCleanup(() => emulator.close());
  const out = { runs: [] as Run[], roundTrips: [] as RoundTrips, firstLoad: [] as FirstLoad };
  for (const store of options.stores) await measureStore(store, options, dirs, emulator, out);
  console.log(
    `\nDone in ${seconds(started)}. ${os.cpus().length} cores, Node ${process.version}; ${loadavg()}`,
  );
  console.log(`(at the start: ${startLoad}; other work on the machine competes for the same cores).\n`);
  console.log(report({ stores: options.stores, pages: options.pages, builds, ...out }));
}

installCleanupHandlers();
try {
  await main();
} catch (error) {
  process.exitCode = 1;
  if (!wasInterrupted())
    console.error(`\nbench:http failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await cleanup();
}
