// `npm run check:vercel`: builds the app with the real Vercel CLI (pinned, installed on demand into
// .tools/vercel), offline, in a throw-away copy of the repo, and checks what Vercel would deploy:
// the middleware is an Edge function, every other function runs Node 22, every bundle is within
// Vercel's size limits, no configuration secret ends up in the output, and a build without secrets
// fails naming the missing variables. See scripts/README.md.
//
// Run with Node 22.18+ (`node scripts/check-vercel.ts`: Node strips the types itself).
// Flags: --keep   keep the temp dir (the build copy and its .vercel/output) and print where it is.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What the build gate (next.config.ts) must name when a Vercel build has no secrets. Each entry is
 * one requirement; its alternatives are accepted spellings (the Upstash URL may come from the
 * Vercel KV integration's name).
 */
const EXPECTED_MISSING_VARIABLES: readonly (readonly string[])[] = [
  ['SESSION_PASSWORD'],
  ['WORKOS_API_KEY'],
  ['WORKOS_CLIENT_ID'],
  ['UPSTASH_REDIS_REST_URL', 'KV_REST_API_URL'],
];

const VERCEL_CLI_VERSION = '58.10.0';
const NODE_RUNTIME = 'nodejs22.x';
// Vercel documents "250 MB" (uncompressed, per function) and "1 MB" gzip for Edge Functions on Hobby
// (4 MB on Pro). Its builder counts MiB; decimal megabytes here are slightly stricter.
const NODE_FUNCTION_LIMIT_BYTES = 250_000_000;
const EDGE_FUNCTION_GZIP_LIMIT_BYTES = 1_000_000;
const BUILD_TIMEOUT_MS = 10 * 60_000;
// Never copied into the build: generated, installed or machine-local.
const EXCLUDED_TOP_DIRS = new Set(['node_modules', '.next', '.vercel', '.tools', '.cache', '.e2e-logs']);

type VcConfig = {
  runtime?: string;
  handler?: string;
  entrypoint?: string;
  filePathMap?: Record<string, string>;
  assets?: { name: string; path: string }[];
};
type Route = { middlewarePath?: string; middlewareRawSrc?: string[] };
type BuildResult = { code: number | null; output: string; seconds: number; log: string; network: string[] };
type Bundle = { dir: string; name: string; paths: string[]; config: VcConfig };

const repo = path.resolve(import.meta.dirname, '..');
const keep = process.argv.includes('--keep');
const logDir = path.join(repo, '.cache', 'check-vercel');
const vercelPrefix = path.join(repo, '.tools', 'vercel');
const vercelEntry = path.join(vercelPrefix, 'node_modules', 'vercel', 'dist', 'vc.js');
const started = performance.now();

let passed = 0;
let failed = 0;
const summary: string[] = [];

function say(line: string) {
  console.log(line);
  summary.push(line);
}
function check(ok: boolean, label: string) {
  if (ok) passed++;
  else failed++;
  say(`${ok ? 'PASS' : 'FAIL'} ${label}`);
}
const mb = (bytes: number) => `${Number((bytes / 1e6).toFixed(2))} MB`;
const kb = (bytes: number) => `${Number((bytes / 1e3).toFixed(1))} kB`;
const secondsSince = (t: number) => Math.round((performance.now() - t) / 100) / 10;

// --- temp dir, cleaned up on every exit ------------------------------------------------------------

fs.rmSync(logDir, { recursive: true, force: true });
fs.mkdirSync(logDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-vercel-'));
const app = path.join(tmp, 'app');
const dirs = {
  home: path.join(tmp, 'home'),
  tmp: path.join(tmp, 'tmp'),
  xdg: path.join(tmp, 'xdg'),
  vercelConfig: path.join(tmp, 'vercel-global-config'),
  npmCache: path.join(tmp, 'npm-cache'),
};
for (const dir of [app, ...Object.values(dirs)]) fs.mkdirSync(dir, { recursive: true });

let child: ChildProcess | undefined;
process.on('exit', () => {
  if (keep) console.log(`Kept the build copy in ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (child?.pid) killGroup(child.pid);
    console.error(`\nInterrupted; logs so far in ${path.relative(process.cwd(), logDir) || logDir}`);
    process.exit(130);
  });
}
function killGroup(pid: number) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

// --- 1. the pinned Vercel CLI, outside the app's dependencies --------------------------------------

function installedVercelVersion(): string | undefined {
  try {
    const pkgPath = path.join(vercelPrefix, 'node_modules', 'vercel', 'package.json');
    return (JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

// Children use the node that runs this script (first on PATH), so npm's and Next's node is the same.
const PATH = [path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter);

function ensureVercelCli() {
  if (installedVercelVersion() === VERCEL_CLI_VERSION && fs.existsSync(vercelEntry)) {
    say(`INFO vercel@${VERCEL_CLI_VERSION} reused from .tools/vercel`);
    return;
  }
  const t = performance.now();
  const log = path.join(logDir, 'vercel-install.log');
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      vercelPrefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `vercel@${VERCEL_CLI_VERSION}`,
    ],
    {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH,
        npm_config_cache: process.env.npm_config_cache ?? path.join(repo, '.cache', 'npm'),
        npm_config_update_notifier: 'false',
      },
    },
  );
  fs.writeFileSync(log, `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`);
  const ok = result.status === 0 && installedVercelVersion() === VERCEL_CLI_VERSION;
  check(ok, `install vercel@${VERCEL_CLI_VERSION} into .tools/vercel (${secondsSince(t)} s)`);
  if (!ok) finish();
}

// --- 2. a copy of the repo, as a Vercel deployment would see it ------------------------------------

function sourceFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (git.status !== 0) throw new Error(`git ls-files failed: ${git.stderr || git.error?.message}`);
  return [...new Set(git.stdout.split('\0').filter(Boolean))].filter(
    (file) => !EXCLUDED_TOP_DIRS.has(file.split('/')[0] ?? ''),
  );
}

function copyRepo() {
  const t = performance.now();
  let count = 0;
  for (const file of sourceFiles()) {
    const from = path.join(repo, file);
    const stat = fs.lstatSync(from, { throwIfNoEntry: false });
    if (!stat || stat.isDirectory()) continue; // deleted in the work tree, or a submodule
    const to = path.join(app, file);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else fs.copyFileSync(from, to);
    count++;
  }
  // node_modules is copied, not linked: Turbopack refuses a node_modules symlinked from outside the
  // project root ("Could not find the Next.js package"), and a copy keeps the build from writing
  // into the repo's own node_modules.
  let how: string;
  if (fs.existsSync(path.join(repo, 'node_modules', 'next', 'package.json'))) {
    const cp = spawnSync('cp', ['-a', path.join(repo, 'node_modules'), path.join(app, 'node_modules')]);
    if (cp.status !== 0) {
      fs.rmSync(path.join(app, 'node_modules'), { recursive: true, force: true });
      fs.cpSync(path.join(repo, 'node_modules'), path.join(app, 'node_modules'), {
        recursive: true,
        verbatimSymlinks: true,
      });
    }
    how = 'node_modules copied from the repo';
  } else {
    const log = path.join(logDir, 'npm-ci.log');
    const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, PATH, npm_config_cache: path.join(repo, '.cache', 'npm') },
    });
    fs.writeFileSync(log, `${ci.stdout ?? ''}${ci.stderr ?? ''}`);
    check(ci.status === 0, `npm ci in the build copy (the repo has no node_modules; log ${log})`);
    if (ci.status !== 0) finish();
    how = 'node_modules installed with npm ci';
  }
  say(`INFO copied ${count} files from git ls-files, ${how} (${secondsSince(t)} s)`);

  // What `vercel pull` would write: the project link and its settings. installCommand "" makes the
  // builder skip its install step (node_modules is already there).
  fs.mkdirSync(path.join(app, '.vercel'), { recursive: true });
  fs.writeFileSync(
    path.join(app, '.vercel', 'project.json'),
    JSON.stringify({
      projectId: 'prj_local',
      orgId: 'team_local',
      settings: {
        framework: 'nextjs',
        installCommand: '',
        buildCommand: null,
        devCommand: null,
        outputDirectory: null,
        rootDirectory: null,
        nodeVersion: '22.x',
      },
    }),
  );
  // The CLI's global config (--global-config), in the temp dir: telemetry off, and a cached user id,
  // without which every command asks api.vercel.com/v2/user who the user is (even `build`).
  fs.writeFileSync(
    path.join(dirs.vercelConfig, 'config.json'),
    JSON.stringify({ telemetry: { enabled: false }, credStorage: 'file', updates: { auto: false } }),
  );
  fs.writeFileSync(path.join(dirs.vercelConfig, 'auth.json'), JSON.stringify({ userId: 'user_local' }));
  fs.writeFileSync(path.join(tmp, 'net-guard.cjs'), NET_GUARD);
}

// Preloaded into every Node process of the build (NODE_OPTIONS): records each attempt to reach a
// host other than this machine. Native code (Turbopack) is not covered; `unshare -n` is.
const NET_GUARD = `'use strict';
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const file = process.env.CHECK_VERCEL_NET_LOG;
const local = (h) => !h || h === 'localhost' || /^127\\./.test(h) || h === '::1' || h === '[::1]';
const note = (what) => {
  try { fs.appendFileSync(file, what + ' (pid ' + process.pid + ': ' + process.argv.slice(1, 3).join(' ') + ')\\n'); } catch {}
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  let o = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (o && typeof o === 'object') { if (!o.path && !local(o.host)) note('connect ' + o.host + ':' + o.port); }
  else if (typeof args[1] === 'string' && !local(args[1])) note('connect ' + args[1] + ':' + o);
  return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (host, ...rest) { if (!local(host)) note('dns ' + host); return lookup.call(this, host, ...rest); };
const plookup = dns.promises.lookup;
dns.promises.lookup = function (host, ...rest) { if (!local(host)) note('dns ' + host); return plookup.call(this, host, ...rest); };
`;

// --- 3. vercel build, offline ----------------------------------------------------------------------

/** `unshare -n` (a network namespace with no interfaces) where the machine allows it. */
function isolation(): string[] {
  if (process.platform !== 'linux') return [];
  for (const args of [['-n'], ['-rn']]) {
    if (spawnSync('unshare', [...args, 'true']).status === 0) return ['unshare', ...args];
  }
  return [];
}
const isolate = isolation();

async function vercelBuild(
  label: string,
  target: 'production' | 'preview',
  vars: Record<string, string>,
): Promise<BuildResult> {
  // Fresh state for each build; the variables go where `vercel pull` puts them, which is the file
  // `vercel build` reads (.vercel/.env.<target>.local; --prod selects production).
  for (const stale of [
    '.next',
    '.vercel/output',
    '.vercel/.env.production.local',
    '.vercel/.env.preview.local',
  ])
    fs.rmSync(path.join(app, stale), { recursive: true, force: true });
  const envFile = Object.entries(vars)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}\n`)
    .join('');
  fs.writeFileSync(path.join(app, '.vercel', `.env.${target}.local`), envFile, { mode: 0o600 });

  const slug = label.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const log = path.join(logDir, `${slug}.log`);
  const netLog = path.join(tmp, `net-${slug}.log`);
  // A clean environment: nothing from the caller's shell (its own SESSION_PASSWORD, VERCEL_TOKEN,
  // ~/.npmrc...) reaches the build, and HOME, TMPDIR and the caches point into the temp dir.
  const env: Record<string, string> = {
    PATH,
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    npm_config_cache: dirs.npmCache,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    VERCEL: '1', // also what the Vercel build image sets; turns off the CLI's update check
    VERCEL_TELEMETRY_DISABLED: '1',
    NEXT_TELEMETRY_DISABLED: '1',
    NO_UPDATE_NOTIFIER: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    NODE_OPTIONS: `--require ${JSON.stringify(path.join(tmp, 'net-guard.cjs'))}`,
    CHECK_VERCEL_NET_LOG: netLog,
  };
  if (process.env.LANG) env.LANG = process.env.LANG;
  const args = [
    vercelEntry,
    'build',
    ...(target === 'production' ? ['--prod'] : []),
    '--yes',
    '--global-config',
    dirs.vercelConfig,
  ];
  const [command, ...commandArgs] = [...isolate, process.execPath, ...args] as [string, ...string[]];

  const t = performance.now();
  console.log(`.... vercel build ${target === 'production' ? '--prod' : '(preview)'}: ${label}`);
  const out = fs.createWriteStream(log);
  out.write(
    `$ ${[command, ...commandArgs].join(' ')}\n# variables (.vercel/.env.${target}.local): ${Object.keys(vars).join(', ')}\n\n`,
  );
  const chunks: Buffer[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const proc = spawn(command, commandArgs, {
      cwd: app,
      env: env as NodeJS.ProcessEnv, // Next's types make NODE_ENV required; it is left unset on purpose
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = proc;
    const timer = setTimeout(() => {
      out.write(`\n[check-vercel] timed out after ${BUILD_TIMEOUT_MS / 1000} s\n`);
      if (proc.pid) killGroup(proc.pid);
    }, BUILD_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      chunks.push(chunk);
      out.write(chunk);
    };
    proc.stdout.on('data', collect);
    proc.stderr.on('data', collect);
    proc.on('error', (error) => {
      out.write(`\n[check-vercel] ${error.message}\n`);
    });
    proc.on('close', (status) => {
      clearTimeout(timer);
      child = undefined;
      resolve(status);
    });
  });
  await new Promise((resolve) => out.end(resolve));
  const network = fs.existsSync(netLog)
    ? [...new Set(fs.readFileSync(netLog, 'utf8').split('\n').filter(Boolean))]
    : [];
  return { code, output: Buffer.concat(chunks).toString('utf8'), seconds: secondsSince(t), log, network };
}

function checkNetwork(label: string, build: BuildResult) {
  const hosts = [...new Set(build.network.map((line) => line.split(' ')[1]))];
  check(
    build.network.length === 0,
    `${label}: no network connection attempted${hosts.length ? ` (tried ${hosts.join(', ')})` : ''}`,
  );
}

// --- reading .vercel/output ------------------------------------------------------------------------

function walkFiles(root: string, visit: (rel: string, stat: fs.Stats) => void, rel = '') {
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walkFiles(root, visit, child);
    else visit(child, fs.lstatSync(path.join(root, child)));
  }
}

/** Every `*.func` under functions/, grouped by the bundle it is (routes often symlink to one). */
function bundles(functionsDir: string): { paths: number; bundles: Bundle[] } {
  const byDir = new Map<string, Bundle>();
  let paths = 0;
  const visit = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(functionsDir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name.endsWith('.func')) {
        paths++;
        const dir = fs.realpathSync(path.join(functionsDir, child));
        let bundle = byDir.get(dir);
        if (!bundle) {
          const config = JSON.parse(fs.readFileSync(path.join(dir, '.vc-config.json'), 'utf8')) as VcConfig;
          bundle = { dir, name: path.relative(fs.realpathSync(functionsDir), dir), paths: [], config };
          byDir.set(dir, bundle);
        }
        bundle.paths.push(child);
      } else if (entry.isDirectory()) visit(child);
    }
  };
  visit('');
  return { paths, bundles: [...byDir.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Uncompressed size of a Node function: its own files plus the ones it lists in filePathMap. */
function nodeBundleSize(bundle: Bundle) {
  const sizes = new Map<string, number>();
  walkFiles(bundle.dir, (rel, stat) => sizes.set(rel, stat.size));
  const missing: string[] = [];
  for (const [dest, source] of Object.entries(bundle.config.filePathMap ?? {})) {
    if (sizes.has(dest)) continue;
    const stat = fs.lstatSync(path.join(app, source), { throwIfNoEntry: false });
    if (stat) sizes.set(dest, stat.size);
    else missing.push(source);
  }
  let bytes = 0;
  for (const size of sizes.values()) bytes += size;
  return { bytes, files: sizes.size, missing };
}

/** Size of an Edge function as Vercel's builder measures it: the code (and wasm) gzipped together. */
function edgeBundleSize(bundle: Bundle) {
  const buffers: Buffer[] = [];
  walkFiles(bundle.dir, (rel, stat) => {
    if (rel === '.vc-config.json' || rel.endsWith('.map') || !stat.isFile()) return;
    buffers.push(fs.readFileSync(path.join(bundle.dir, rel)));
  });
  for (const asset of bundle.config.assets ?? []) {
    const file = path.join(bundle.dir, asset.path);
    if (fs.existsSync(file)) buffers.push(fs.readFileSync(file));
  }
  const raw = Buffer.concat(buffers);
  return { raw: raw.length, gzip: gzipSync(raw).length };
}

/** Files of the output (and the app files that functions pull in) containing one of the values. */
function filesContaining(values: Record<string, string>, nodeBundles: Bundle[]): string[] {
  const output = path.join(app, '.vercel', 'output');
  const files = new Set<string>();
  walkFiles(output, (rel, stat) => {
    if (stat.isFile()) files.add(path.join(output, rel));
  });
  for (const bundle of nodeBundles)
    for (const source of Object.values(bundle.config.filePathMap ?? {}))
      if (!source.startsWith('node_modules/')) files.add(path.join(app, source));
  const hits: string[] = [];
  const needles = Object.entries(values).map(([key, value]) => [key, Buffer.from(value)] as const);
  for (const file of files) {
    let content: Buffer;
    try {
      content = fs.readFileSync(file);
    } catch {
      continue;
    }
    for (const [key, needle] of needles)
      if (content.includes(needle)) hits.push(`${key} in ${path.relative(app, file)}`);
  }
  return hits;
}

function checkOutput(secrets: Record<string, string>) {
  const output = path.join(app, '.vercel', 'output');
  const config = JSON.parse(fs.readFileSync(path.join(output, 'config.json'), 'utf8')) as {
    version?: number;
    routes?: Route[];
  };
  const builds = JSON.parse(fs.readFileSync(path.join(output, 'builds.json'), 'utf8')) as { target?: string };
  say(`INFO .vercel/output: Build Output API v${config.version}, target ${builds.target}`);
  const { paths, bundles: all } = bundles(path.join(output, 'functions'));
  const edge = all.filter((b) => b.config.runtime === 'edge');
  const node = all.filter((b) => b.config.runtime !== 'edge');

  // Middleware: config.json routes name it with middlewarePath (functions/<middlewarePath>.func).
  const middlewareRoutes = (config.routes ?? []).filter((route) => route.middlewarePath);
  check(middlewareRoutes.length > 0, 'config.json has a middleware route (middlewarePath)');
  for (const middlewarePath of new Set(middlewareRoutes.map((route) => route.middlewarePath ?? ''))) {
    const name = `${middlewarePath.replace(/^\/+/, '')}.func`; // "middleware"; "/_middleware" on Node
    const funcDir = path.join(output, 'functions', name);
    const vcConfig = path.join(funcDir, '.vc-config.json');
    const runtime = fs.existsSync(vcConfig)
      ? (JSON.parse(fs.readFileSync(vcConfig, 'utf8')) as VcConfig).runtime
      : undefined;
    const matcher = middlewareRoutes.find((r) => r.middlewarePath === middlewarePath)?.middlewareRawSrc;
    check(
      runtime === 'edge',
      `middleware is an Edge function: functions/${name} runtime ${runtime ?? '(missing)'}` +
        (matcher ? `, matcher ${matcher.join(' ')}` : ''),
    );
  }

  for (const bundle of node) {
    const shared = bundle.paths.length > 1 ? ` (${bundle.paths.length} paths)` : '';
    check(
      bundle.config.runtime === NODE_RUNTIME,
      `runtime ${bundle.name}${shared}: ${bundle.config.runtime ?? '(missing)'}`,
    );
  }
  let largest = 0;
  for (const bundle of node) {
    const size = nodeBundleSize(bundle);
    largest = Math.max(largest, size.bytes);
    check(
      size.bytes < NODE_FUNCTION_LIMIT_BYTES && size.missing.length === 0,
      `size ${bundle.name}: ${mb(size.bytes)} uncompressed in ${size.files} files (limit ${mb(NODE_FUNCTION_LIMIT_BYTES)})` +
        (size.missing.length
          ? `; filePathMap names ${size.missing.length} missing files, e.g. ${size.missing[0]}`
          : ''),
    );
  }
  let edgeGzip = 0;
  for (const bundle of edge) {
    const size = edgeBundleSize(bundle);
    edgeGzip = Math.max(edgeGzip, size.gzip);
    check(
      size.gzip < EDGE_FUNCTION_GZIP_LIMIT_BYTES,
      `size ${bundle.name} (edge): ${kb(size.gzip)} gzip, ${kb(size.raw)} raw (limit ${kb(EDGE_FUNCTION_GZIP_LIMIT_BYTES)} gzip)`,
    );
    // The Edge runtime may have no NODE_ENV at run time: the bundler must have inlined every read,
    // so the middleware can never fall into development defaults (lib/env.ts reads it literally).
    let readsNodeEnv = false;
    walkFiles(bundle.dir, (rel, stat) => {
      if (!stat.isFile() || !rel.endsWith('.js')) return;
      if (fs.readFileSync(path.join(bundle.dir, rel), 'utf8').includes('process.env.NODE_ENV'))
        readsNodeEnv = true;
    });
    check(!readsNodeEnv, `${bundle.name} (edge) reads no NODE_ENV at run time (inlined at build)`);
  }
  const leaks = filesContaining(secrets, node);
  check(
    leaks.length === 0,
    `no secret value (${Object.keys(secrets).join(', ')}) in .vercel/output or the files functions ship` +
      (leaks.length ? `: ${leaks.slice(0, 5).join('; ')}` : ''),
  );
  say(
    `INFO functions: ${paths} .func paths, ${all.length} bundles (${node.length} Node ${[...new Set(node.map((b) => b.config.runtime))].join('/')}, ${edge.length} Edge); ` +
      `largest Node bundle ${mb(largest)}${edge.length ? `, largest Edge bundle ${kb(edgeGzip)} gzip` : ''}`,
  );
}

// --- 4. run everything -----------------------------------------------------------------------------

function finish(): never {
  const total = passed + failed;
  const time = `${secondsSince(started)} s`;
  if (failed) say(`FAILED: ${failed} of ${total} checks failed (${time}). Logs: ${logDir}`);
  else say(`All ${total} checks passed (${time}).`);
  say(`${passed} passed, ${failed} failed`);
  fs.writeFileSync(path.join(logDir, 'summary.txt'), `${summary.join('\n')}\n`);
  process.exit(failed ? 1 : 0);
}

function namesMissing(label: string, build: BuildResult) {
  const hint = build.code === 0 ? ': it built, so no build gate in next.config.ts stopped it' : '';
  check(build.code !== 0, `${label} fails (exit ${build.code}, ${build.seconds} s${hint})`);
  for (const names of EXPECTED_MISSING_VARIABLES) {
    const found = names.filter((name) => new RegExp(`\\b${name}\\b`).test(build.output));
    check(
      build.code !== 0 && found.length > 0,
      `${label}: output names ${names.join(' or ')}${found.length && names.length > 1 ? ` (found ${found.join(', ')})` : ''}`,
    );
  }
}

const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
  engines?: { node?: string };
};
say(`INFO node ${process.version}, package.json engines.node ${pkg.engines?.node ?? '(none)'}`);
say(
  `INFO network: ${isolate.length ? `isolated (${isolate.join(' ')})` : 'not isolated (no unshare); attempts are still recorded'}`,
);
try {
  ensureVercelCli();
  copyRepo();

  const token = (bytes: number) => randomBytes(bytes).toString('base64url');
  const secrets = {
    SESSION_PASSWORD: token(32),
    WORKOS_API_KEY: `sk_test_${randomBytes(24).toString('hex')}`,
    UPSTASH_REDIS_REST_TOKEN: token(32),
  };
  const production = await vercelBuild('production', 'production', {
    VERCEL: '1',
    VERCEL_ENV: 'production',
    VERCEL_URL: 'magic-link-signin-local.vercel.app',
    VERCEL_PROJECT_PRODUCTION_URL: 'app.example.com',
    APP_URL: 'https://app.example.com',
    WORKOS_CLIENT_ID: `client_${randomBytes(13).toString('hex').toUpperCase()}`,
    UPSTASH_REDIS_REST_URL: 'https://example-upstash.invalid',
    ...secrets,
  });
  const built = production.code === 0 && fs.existsSync(path.join(app, '.vercel', 'output', 'config.json'));
  check(
    built,
    `vercel build --prod with the full configuration (exit ${production.code}, ${production.seconds} s)` +
      (built ? '' : `; log ${production.log}`),
  );
  checkNetwork('production build', production);
  if (built) checkOutput(secrets);
  if (keep && built)
    fs.cpSync(path.join(app, '.vercel', 'output'), path.join(tmp, 'output-production'), {
      recursive: true,
      verbatimSymlinks: true,
    });

  // Without secrets the build gate must stop the build and say what is missing.
  const bare = await vercelBuild('production without secrets', 'production', {
    VERCEL: '1',
    VERCEL_ENV: 'production',
    APP_URL: 'https://app.example.com',
  });
  namesMissing('production build without secrets', bare);
  checkNetwork('production build without secrets', bare);
  const preview = await vercelBuild('preview without secrets', 'preview', {
    VERCEL: '1',
    VERCEL_ENV: 'preview',
    VERCEL_URL: 'magic-link-signin-git-feature-local.vercel.app',
    VERCEL_BRANCH_URL: 'magic-link-signin-git-feature-local.vercel.app',
  });
  namesMissing('preview build without secrets', preview);
  checkNetwork('preview build without secrets', preview);
} catch (error) {
  // A broken or unexpected .vercel/output is a failure too, not a crash without a summary.
  check(
    false,
    `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
}
finish();
