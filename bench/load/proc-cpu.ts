/**
 * CPU time read from /proc, in µs: the whole machine's, and that of the
 * PostgreSQL server's processes, which the Banter process's own CPU figure
 * leaves out. On two cores shared by the server, PostgreSQL and the load
 * generator, a run can be limited by the machine rather than by any one
 * process; these show when.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const toUs = (ticks: number) => (ticks / ticksPerSecond) * 1e6;

export interface MachineCpu {
  busyUs: number;
  /** Time the hypervisor gave to another guest while this one wanted to run. */
  stealUs: number;
}

export function machineCpu(): MachineCpu {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // cpu  user nice system idle iowait irq softirq steal …
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return { busyUs: toUs(user + nice + system + irq + softirq), stealUs: toUs(steal) };
}

/** Fields 14 and 15 of /proc/<pid>/stat, user and system time of all the process's threads. */
function statTicks(stat: string): number {
  // After the command, which may hold spaces, come fields 3 (state) onwards.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * One process's CPU time, with its children's (a database run as a child process),
 * read from outside: it stays right when the process's own event loop is too busy
 * to answer (PGlite's was, under load, when it ran on that loop).
 */
export function processCpuUs(pid: number): number {
  let ticks = 0;
  for (const each of processTree(pid)) {
    try {
      ticks += statTicks(readFileSync(`/proc/${each}/stat`, 'utf8'));
    } catch {
      // gone since the listing
    }
  }
  return toUs(ticks);
}

/**
 * CPU time of some processes (PostgreSQL backends of one database): unlike `postgresCpuUs`,
 * not charged with other databases' work on a shared server.
 */
export function pidsCpuUs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      ticks += statTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      // ended since the listing
    }
  }
  return toUs(ticks);
}

/** The process and its descendants, from /proc/<pid>/task/<tid>/children. */
export function processTree(pid: number): number[] {
  const found = [pid];
  for (let i = 0; i < found.length; i++) {
    const parent = found[i] as number;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8');
        for (const child of children.trim().split(/\s+/)) if (child) found.push(Number(child));
      } catch {
        // the thread ended since the listing
      }
    }
  }
  return found;
}

/** Resident memory of the process's descendants (not its own), in bytes. */
export function descendantsRss(pid: number): number {
  let bytes = 0;
  for (const each of processTree(pid).slice(1)) {
    try {
      const status = readFileSync(`/proc/${each}/status`, 'utf8');
      bytes += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // gone since the listing
    }
  }
  return bytes;
}

/**
 * Every process named `postgres`: backends, WAL writer, checkpointer. A
 * backend that exits between two readings takes its time with it, which is
 * why the server's pool stays open across a window.
 */
export function postgresCpuUs(): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
    ticks += statTicks(stat);
  }
  return toUs(ticks);
}
