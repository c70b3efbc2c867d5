// Child processes for the registry smoke test: commands that must finish within a time
// limit, and servers that must be gone when the script ends, whatever way it ends.
// Each child leads a process group of its own, so stopping it also stops whatever it
// started (npm runs its scripts through a shell, Vite starts esbuild, and so on).

import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const running = new Set();

/**
 * The environment for every child: ours without npm's `npm_*` variables. When this script
 * runs as `npm run test:registry`, npm exports its settings for the workspace (the local
 * prefix among them); a nested `npm install` that inherited them could install into the
 * repository instead of the throwaway app.
 */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

function stopGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** The last lines of a log file, to show next to a failure. */
export function tail(logFile, lines = 40) {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/**
 * Spawns `command` as the leader of its own process group, its output appended to `logFile`
 * after a line naming the command. The child is tracked until it closes, for `killAll`.
 */
function spawnLogged(command, args, { cwd, env, logFile }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`$ ${command} ${args.join(' ')}  (in ${cwd})\n`);
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  return { child, log };
}

/**
 * Runs a command to completion with its output in `logFile`. Rejects, with the log's
 * tail in the message, when it exits non-zero or outlives `timeoutMs`.
 */
export function run(command, args, { cwd, env, logFile, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const { child, log } = spawnLogged(command, args, { cwd, env, logFile });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup(child, 'SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      log.end(() => reject(new Error(`could not start ${command}: ${error.message}`)));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      log.end(() => {
        if (code === 0) return resolve();
        const why = timedOut
          ? `did not finish within ${Math.round(timeoutMs / 1000)} s`
          : `exited with ${code ?? signal}`;
        reject(new Error(`\`${command} ${args.join(' ')}\` ${why}\n${tail(logFile)}`));
      });
    });
  });
}

/**
 * Starts a long-running process with its output in `logFile`. `stop()` asks it to end
 * with SIGTERM and kills its whole group if it has not ended after `graceMs`.
 */
export function startProcess(command, args, { cwd, env, logFile, graceMs = 5_000 }) {
  const { child, log } = spawnLogged(command, args, { cwd, env, logFile });
  const exited = new Promise((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      log.end();
      resolve(code ?? signal);
    });
    child.once('error', (error) => {
      running.delete(child);
      log.end();
      resolve(`error: ${error.message}`);
    });
  });
  return {
    child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopGroup(child, 'SIGTERM');
      const timer = setTimeout(() => stopGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // The leader is gone; make sure nothing it started lingers in its group.
      stopGroup(child, 'SIGKILL');
    },
  };
}

/** Kills every child still running: the last resort on an error or a signal. */
export function killAll() {
  for (const child of running) stopGroup(child, 'SIGKILL');
  running.clear();
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `url` until it answers with a 2xx status. Rejects after `timeoutMs`, or as soon
 * as `exited` settles (the server died), so a crash is reported at once with its log.
 */
export async function waitForHttp(url, { timeoutMs, exited, logFile }) {
  let died = false;
  exited?.then(() => {
    died = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (died) throw new Error(`the process exited before ${url} answered\n${tail(logFile)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${url} did not answer within ${Math.round(timeoutMs / 1000)} s\n${tail(logFile)}`,
  );
}
