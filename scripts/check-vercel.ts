// `npm run check:vercel`: what Vercel would build, checked offline. Runs `vercel build` (CLI pinned
// below, installed on demand into .tools/vercel, not a dependency of the app) on a copy of the
// repo with a synthetic .vercel/project.json, then checks the output: the middleware is an Edge
// function with NODE_ENV inlined, every other function runs Node 22, sizes are within Vercel's
// limits. Then a second build with no secrets must fail and name every missing variable.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const VERCEL_CLI = 'vercel@58.10.0';
const NODE_RUNTIME = 'nodejs22.x';
/** Vercel: 250 MB uncompressed per Node function; Edge code 1 MB gzipped on Hobby (more on Pro). */
const NODE_LIMIT_BYTES = 250 * 1024 * 1024;
const EDGE_LIMIT_GZIP_BYTES = 1024 * 1024;
/** What a build with no configuration must name (APP_URL: offline there is no VERCEL_* host). */
const MUST_NAME = [
  'APP_URL',
  'SESSION_PASSWORD',
  'WORKOS_API_KEY',
  'WORKOS_CLIENT_ID',
  'UPSTASH_REDIS_REST_URL',
];

const root = process.cwd();
const cli = join(root, '.tools/vercel/node_modules/.bin/vercel');
let failures = 0;

function check(ok: boolean, what: string): void {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
  if (!ok) failures += 1;
}

function ensureCli(): void {
  const installed = join(root, '.tools/vercel/node_modules/vercel/package.json');
  const version = existsSync(installed)
    ? (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version
    : null;
  if (version === VERCEL_CLI.split('@')[1]) return;
  console.log(`Installing ${VERCEL_CLI} into .tools/vercel (once) ...`);
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      '.tools/vercel',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      VERCEL_CLI,
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`could not install ${VERCEL_CLI}`);
}

/** A copy of the repo as a clone would have it (tracked and new, not ignored files). */
function copyRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'check-vercel-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error('git ls-files failed: run this inside the repository');
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(file)) continue; // deleted in the work tree
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    cpSync(file, join(dir, file));
  }
  // The installed packages, as hard links when the file system allows (seconds instead of a fresh
  // install); `vercel build` still runs its own `npm install` over them.
  const linked = spawnSync('cp', ['-al', join(root, 'node_modules'), join(dir, 'node_modules')]);
  if (linked.status !== 0) cpSync(join(root, 'node_modules'), join(dir, 'node_modules'), { recursive: true });
  mkdirSync(join(dir, '.vercel'));
  writeFileSync(
    join(dir, '.vercel/project.json'),
    JSON.stringify({
      projectId: 'prj_local_check',
      orgId: 'team_local_check',
      settings: { framework: 'nextjs' },
    }),
  );
  return dir;
}

function vercelBuild(dir: string, env: Record<string, string>, log: string) {
  // Only the machine's basics: none of the caller's app configuration leaks into the build.
  const base = Object.fromEntries(
    ['PATH', 'HOME', 'TMPDIR', 'npm_config_cache', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME']
      .filter((name) => process.env[name] !== undefined)
      .map((name) => [name, process.env[name] as string]),
  );
  const started = Date.now();
  const result = spawnSync(cli, ['build', '--prod', '--yes'], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...base,
      NEXT_TELEMETRY_DISABLED: '1',
      VERCEL_TELEMETRY_DISABLED: '1',
      CI: '1',
      // Vercel's own `npm install` over the linked packages: from the cache, no audit.
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      ...env,
      // Not NODE_ENV: `npm install` would then skip the devDependencies the build needs.
    } as unknown as NodeJS.ProcessEnv,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  writeFileSync(log, output);
  return { status: result.status, output, seconds: Math.round((Date.now() - started) / 1000) };
}

/** Every file under `dir`, following the symlinks Vercel uses between functions. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: false })
    .map((entry) => join(dir, String(entry)))
    .filter((path) => statSync(path).isFile());
}

type FunctionConfig = { runtime?: string; maxDuration?: number; filePathMap?: Record<string, string> };

function functionDirs(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue; // aliases of a function already counted
    if (!entry.isDirectory()) continue;
    if (entry.name.endsWith('.func')) found.push(path);
    else found.push(...functionDirs(path));
  }
  return found;
}

function checkOutput(dir: string): void {
  const output = join(dir, '.vercel/output');
  const functions = functionDirs(join(output, 'functions'));
  console.log(`${functions.length} functions in .vercel/output/functions`);
  const config = JSON.parse(readFileSync(join(output, 'config.json'), 'utf8')) as {
    routes: { middlewarePath?: string }[];
  };
  const middlewarePath = config.routes.find((route) => route.middlewarePath)?.middlewarePath;
  check(middlewarePath === 'middleware', `the routes run the middleware (middlewarePath: ${middlewarePath})`);
  for (const fn of functions) {
    const name = relative(join(output, 'functions'), fn);
    const vc = JSON.parse(readFileSync(join(fn, '.vc-config.json'), 'utf8')) as FunctionConfig;
    if (name === 'middleware.func') {
      check(vc.runtime === 'edge', `middleware.func is an Edge function (runtime: ${vc.runtime})`);
      const code = filesIn(fn).filter((file) => file.endsWith('.js'));
      const gzip = gzipSync(Buffer.concat(code.map((file) => readFileSync(file)))).length;
      check(
        gzip < EDGE_LIMIT_GZIP_BYTES,
        `middleware.func is ${(gzip / 1024).toFixed(0)} KiB gzipped (limit 1 MiB)`,
      );
      const inlined = code.every((file) => !readFileSync(file, 'utf8').includes('process.env.NODE_ENV'));
      check(inlined, 'the middleware reads no NODE_ENV at run time (inlined at build)');
      continue;
    }
    let bytes = filesIn(fn).reduce((sum, file) => sum + statSync(file).size, 0);
    for (const source of Object.values(vc.filePathMap ?? {})) bytes += statSync(join(dir, source)).size;
    const mb = (bytes / 1024 / 1024).toFixed(1);
    check(
      vc.runtime === NODE_RUNTIME && bytes < NODE_LIMIT_BYTES,
      `${name}: ${vc.runtime}, ${mb} MB${vc.maxDuration ? `, maxDuration ${vc.maxDuration} s` : ''}`,
    );
  }
}

const STRONG_ENV = {
  SESSION_PASSWORD: 'check-vercel-0123456789-abcdefghijklmnopqrstuvwxyz',
  WORKOS_API_KEY: 'sk_test_check_vercel',
  WORKOS_CLIENT_ID: 'client_check_vercel',
  UPSTASH_REDIS_REST_URL: 'https://check-vercel.upstash.invalid',
  UPSTASH_REDIS_REST_TOKEN: 'check-vercel-token',
  APP_URL: 'https://app.example.com',
};

ensureCli();
const dir = copyRepo();
const logs = join(root, '.tools/vercel/logs');
mkdirSync(logs, { recursive: true });
try {
  console.log(`vercel build --prod with a complete configuration (copy in ${dir}) ...`);
  const good = vercelBuild(dir, STRONG_ENV, join(logs, 'build.log'));
  check(good.status === 0, `vercel build succeeds (${good.seconds} s)`);
  if (good.status === 0) checkOutput(dir);

  console.log('vercel build --prod with no secrets ...');
  rmSync(join(dir, '.vercel/output'), { recursive: true, force: true });
  const bare = vercelBuild(dir, {}, join(logs, 'build-without-secrets.log'));
  check(bare.status !== 0, `a build without secrets fails (exit ${bare.status}, ${bare.seconds} s)`);
  for (const name of MUST_NAME) check(bare.output.includes(`- ${name}`), `its error names ${name}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (failures > 0) {
  console.error(`check:vercel: ${failures} check(s) failed; build logs in ${relative(root, logs)}/`);
  process.exit(1);
}
console.log('check:vercel: all checks passed');
