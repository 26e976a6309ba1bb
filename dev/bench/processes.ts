// Child processes and temp dirs of `npm run bench:http`, all cleaned up on every way out: normal
// end, an error, Ctrl-C (SIGINT), SIGTERM, SIGHUP. Each child runs in its own process group, so
// stopping it also stops what it started (Next's workers); nothing else is ever signalled.
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync, rmSync } from 'node:fs';

const children = new Set<ChildProcess>();
const dirs = new Set<string>();
const closers: (() => Promise<void>)[] = [];

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Signals the child's whole process group (it was spawned detached, so the group is its own). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid || !alive(child)) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Spawns `command` in its own process group, tracked until it exits. */
export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Adopts a child started elsewhere with `detached: true` (a fork), so that cleanup stops its group too. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGTERM to the child's group, SIGKILL after `graceMs`; resolves once it has exited. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (!alive(child)) return;
  const exited = once(child, 'exit');
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A dir removed at the end (unless the caller keeps it). */
export function removeAtExit(dir: string): void {
  dirs.add(dir);
}

/** Work to do at the end (close an in-process server), newest first. */
export function onCleanup(close: () => Promise<void>): void {
  closers.unshift(close);
}

let cleaning: Promise<void> | undefined;

/** Stops every tracked child, runs the closers, removes the temp dirs. Safe to call twice. */
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all([...children].map((child) => stopChild(child, 3000)));
    for (const close of closers) await close().catch(() => {});
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs.clear();
  })();
  return cleaning;
}

let interrupted = false;

/** True once a signal asked us to stop: what fails after that is the stopping, not an error. */
export const wasInterrupted = () => interrupted;

/** Cleans up on signals and, as a last resort, kills what is left when the process exits. */
export function installCleanupHandlers(): void {
  const onSignal = (signal: NodeJS.Signals, code: number) => () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the servers and removing the temp copies...`);
    void cleanup().finally(() => process.exit(code));
  };
  process.once('SIGINT', onSignal('SIGINT', 130));
  process.once('SIGTERM', onSignal('SIGTERM', 143));
  process.once('SIGHUP', onSignal('SIGHUP', 129));
  process.once('exit', () => {
    for (const child of children) signalGroup(child, 'SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
}

/** Every process below `pid` (children first found via /proc/<pid>/task/<tid>/children). */
function descendants(pid: number): number[] {
  const found: number[] = [];
  const visit = (parent: number) => {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let listed = '';
      try {
        listed = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of listed.split(/\s+/).filter(Boolean).map(Number)) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

const status = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
};

/**
 * VmRSS in KiB of the process named next-server (Next sets that title) in the tree of `pid`, or of
 * `pid` itself when none is; 0 where /proc is not there (not Linux).
 */
export function serverRssKb(pid: number): number {
  const tree = [pid, ...descendants(pid)];
  const named = tree.find((candidate) => /^Name:\s*next-server/m.test(status(candidate)));
  const match = /^VmRSS:\s*(\d+)\s*kB/m.exec(status(named ?? pid));
  return match ? Number(match[1]) : 0;
}

let ticksPerSecond: number | undefined;
/** The kernel's clock ticks per second (USER_HZ) that /proc/<pid>/stat counts in; 100 if unknown. */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of one process in clock ticks (fields 14 and 15 of /proc/<pid>/stat), 0 if gone. */
function cpuTicks(pid: number): number {
  let stat = '';
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]) || 0;
}

/**
 * CPU time (user + system) the whole process tree of `pid` has used so far, in milliseconds: the
 * server's own work, not the time slices autocannon or anything else on the machine took. 0 where
 * /proc is not there.
 */
export function treeCpuMs(pid: number): number {
  const ticks = [pid, ...descendants(pid)].reduce((sum, each) => sum + cpuTicks(each), 0);
  return (ticks * 1000) / clockTicks();
}
