import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromDatabase, ToDatabase } from './database-wire';

/**
 * Where the database side runs: a worker thread of this process (the default, see the
 * server-kit README for the measurements behind it) or a child process.
 */
export type Placement = 'thread' | 'process';

/** The server's end of one running database side. */
export interface DatabaseLink {
  post(messages: ToDatabase[]): void;
  /** The child's process id; null for a thread. */
  readonly pid: number | null;
  /** Keeps this process alive while calls wait for an answer, and only then. */
  ref(): void;
  unref(): void;
  /** Ends it at once, as a crash would. */
  kill(): void;
}

export interface LinkEvents {
  onMessages(messages: FromDatabase[]): void;
  /** Called once, when the thread or process has ended for any reason. */
  onExit(reason: string): void;
}

/**
 * The worker entry sits next to this module: `pglite-worker.ts` when running from
 * sources (Vitest, tsx), `pglite-worker.js` / `.cjs` in the package's dist (also when
 * this code landed in a shared chunk one folder up).
 */
function workerEntry(): string {
  const ext = extname(fileURLToPath(import.meta.url));
  for (const candidate of [`./pglite-worker${ext}`, `./storage/pglite-worker${ext}`]) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(
    `unable to start the database worker: no pglite-worker${ext} next to ${import.meta.url}`,
  );
}

const isTypeScript = (file: string) => /\.[cm]?ts$/.test(file);

/**
 * Sources run through tsx, as the test suites and the fixtures already do. `require`
 * resolves a package's CommonJS build; tsx's ESM API (the one that registers in a
 * thread) sits beside it as `.mjs`.
 */
function tsx(specifier: 'tsx' | 'tsx/esm/api'): string {
  const path = createRequire(import.meta.url).resolve(specifier);
  return pathToFileURL(path.replace(/\.cjs$/, '.mjs')).href;
}

export function spawnDatabase(placement: Placement, events: LinkEvents): DatabaseLink {
  const file = workerEntry();
  return placement === 'thread' ? spawnThread(file, events) : spawnProcess(file, events);
}

function spawnThread(file: string, events: LinkEvents): DatabaseLink {
  const worker = isTypeScript(file)
    ? new Worker(
        `import(${JSON.stringify(tsx('tsx/esm/api'))})
           .then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`,
        { eval: true },
      )
    : new Worker(file);
  let ended = false;
  const end = (reason: string) => {
    if (ended) return;
    ended = true;
    events.onExit(reason);
  };
  worker.on('message', (messages: FromDatabase[]) => events.onMessages(messages));
  worker.on('error', (error) => end(`it failed: ${error.message}`));
  worker.on('exit', (code) => end(`it exited with code ${code}`));
  return {
    post: (messages) => worker.postMessage(messages),
    pid: null,
    ref: () => worker.ref(),
    unref: () => worker.unref(),
    kill: () => void worker.terminate(),
  };
}

function spawnProcess(file: string, events: LinkEvents): DatabaseLink {
  const child: ChildProcess = fork(file, [], {
    execArgv: isTypeScript(file) ? ['--import', tsx('tsx')] : [],
    // Dates and Maps cross as they are, as with a thread.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let ended = false;
  child.on('message', (messages) => events.onMessages(messages as FromDatabase[]));
  child.on('error', (error) => {
    if (!ended) child.kill('SIGKILL');
    events.onExit(`it failed: ${error.message}`);
    ended = true;
  });
  child.on('exit', (code, signal) => {
    if (ended) return;
    ended = true;
    events.onExit(signal ? `it was killed by ${signal}` : `it exited with code ${code}`);
  });
  return {
    post: (messages) => {
      if (child.connected) child.send(messages);
    },
    pid: child.pid ?? null,
    ref: () => {
      child.ref();
      (child.channel as { ref?: () => void } | undefined)?.ref?.();
    },
    unref: () => {
      child.unref();
      (child.channel as { unref?: () => void } | undefined)?.unref?.();
    },
    kill: () => void child.kill('SIGKILL'),
  };
}
