// The copies `npm run bench:http` builds: the repo's files (tracked and untracked-not-ignored, as
// `git ls-files` lists them, never .env* files) with a variant's changes, and node_modules as hard
// links (Turbopack refuses a node_modules symlink that points out of the project root).
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnTracked } from './processes.ts';
import { middlewareEntry, variantFiles, type BuildName } from './variants.ts';

/** The files of the repo a build needs; throws when `repo` is not a git work tree. */
export function repoFiles(repo: string): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (listed.status !== 0)
    throw new Error(`bench:http copies the files git lists, and git ls-files failed: ${listed.stderr}`);
  return listed.stdout
    .split('\0')
    .filter((file) => file && !path.basename(file).startsWith('.env') && existsSync(path.join(repo, file)));
}

/** Hard-links `from` into `to` (same filesystem), else copies it (slower, and says so). */
function linkTree(from: string, to: string): void {
  if (spawnSync('cp', ['-al', from, to]).status === 0) return;
  rmSync(to, { recursive: true, force: true });
  console.log(`  (cannot hard-link ${from} into ${to}: copying it instead)`);
  if (spawnSync('cp', ['-a', from, to]).status !== 0) throw new Error(`could not copy ${from} to ${to}`);
}

/** Writes the copy of `build` into `dir`: the repo's files, the variant's changes, node_modules. */
export function makeCopy(repo: string, files: readonly string[], build: BuildName, dir: string): void {
  const modules = path.join(repo, 'node_modules');
  if (!existsSync(path.join(modules, 'next', 'package.json')))
    throw new Error(`${modules} has no Next.js: run npm ci first.`);
  rmSync(dir, { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(repo, file), target);
  }
  const source = readFileSync(path.join(repo, middlewareEntry(files).file), 'utf8');
  for (const [file, contents] of Object.entries(variantFiles(build, files, source))) {
    const target = path.join(dir, file);
    if (contents === null) rmSync(target, { force: true });
    else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, contents);
    }
  }
  linkTree(modules, path.join(dir, 'node_modules'));
}

/** True when `dir` already holds a finished production build. */
export const hasBuild = (dir: string) => existsSync(path.join(dir, '.next', 'BUILD_ID'));

/** The environment a build or server gets: only what Node needs plus `extra` (hermetic). */
export function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

/** Runs `next build` in `dir`, its output in `logFile`; throws with the log's tail when it fails. */
export async function buildCopy(dir: string, logFile: string): Promise<void> {
  const out = openSync(logFile, 'w');
  const child = spawnTracked(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    cwd: dir,
    env: baseEnv({}),
    stdio: ['ignore', out, out],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code === 0 && hasBuild(dir)) return;
  const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-30).join('\n');
  throw new Error(`next build failed in ${dir} (exit ${code}); the end of ${logFile}:\n${tail}`);
}
