/**
 * The parent's handle on the load-generator processes. Clients are dealt out
 * round-robin, so a conversation's members sit in different processes and a
 * delivery crosses from one process to another as it would between devices.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { Channel, firstMessage } from './channel';
import type { WorkerReply, WorkerRequest } from './ipc';

export class WorkerPool {
  readonly #children: ChildProcess[];
  readonly #channels: Channel<WorkerRequest, WorkerReply>[];

  private constructor(children: ChildProcess[]) {
    this.#children = children;
    this.#channels = children.map((child, index) => new Channel(child, `worker ${index}`));
  }

  static async start(count: number): Promise<WorkerPool> {
    const script = join(import.meta.dirname, 'worker.ts');
    const children = Array.from({ length: count }, () =>
      fork(script, [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    const pool = new WorkerPool(children);
    try {
      await Promise.all(
        children.map((child, i) => firstMessage(child, 'ready', `worker ${i}`, 30_000)),
      );
    } catch (error) {
      pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.#children.length;
  }

  /** Which worker holds the i-th client. */
  workerOf(clientIndex: number): number {
    return clientIndex % this.#children.length;
  }

  /** Sends each worker its own request and waits for every reply; a failure in any fails the step. */
  async each(make: (worker: number) => WorkerRequest, timeoutMs: number): Promise<WorkerReply[]> {
    const replies = await Promise.all(
      this.#channels.map((channel, worker) => channel.request(make(worker), timeoutMs)),
    );
    for (const reply of replies) {
      if (reply.type === 'failed') throw new Error(`worker failed: ${reply.message}`);
    }
    return replies;
  }

  close() {
    for (const child of this.#children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }
}
