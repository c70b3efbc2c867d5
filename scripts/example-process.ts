import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A loopback port nobody listens on, so a restarted server can come back at the same address. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface ExampleProcess {
  url: string;
  stop(): Promise<void>;
}

export interface ExampleOptions {
  /** The server script, run with this Node. */
  script: string;
  port: number;
  env: Record<string, string>;
  /** What the server prints once it answers. */
  readyText: string;
  /**
   * How `stop` ends it: SIGKILL (a crash, the default), or SIGTERM with SIGKILL
   * after `graceMs` if a graceful shutdown hangs.
   */
  stopSignal?: 'SIGKILL' | 'SIGTERM';
  graceMs?: number;
}

/** Runs an example's server as its own process, as `npm start` does, and waits until it answers. */
export async function startExample(options: ExampleOptions): Promise<ExampleProcess> {
  const { script, port, env, readyText, stopSignal = 'SIGKILL', graceMs = 10_000 } = options;
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited early with code ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(readyText)) resolve();
    });
  });
  return {
    url: `http://localhost:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(stopSignal);
      const hung = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(hung);
    },
  };
}
