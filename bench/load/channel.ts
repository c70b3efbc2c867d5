/**
 * Request and reply over a child process's IPC channel. Each request gets an
 * id; the reply with that id settles it. A child that exits, or a reply that
 * takes longer than the timeout, fails the request instead of hanging the run.
 */
import type { ChildProcess } from 'node:child_process';

interface Pending {
  resolve: (reply: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class Channel<Request extends { type: string }, Reply extends { type: string }> {
  readonly #child: ChildProcess;
  readonly #name: string;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(child: ChildProcess, name: string) {
    this.#child = child;
    this.#name = name;
    child.on('message', (raw) => {
      const { id } = raw as { id?: number };
      const pending = id === undefined ? undefined : this.#pending.get(id);
      if (!pending || id === undefined) return;
      this.#pending.delete(id);
      clearTimeout(pending.timer);
      pending.resolve(raw);
    });
    child.on('exit', (code, signal) => this.#failAll(`${name} exited (${signal ?? code})`));
  }

  request(request: Request, timeoutMs: number): Promise<Reply> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${this.#name}: no answer to ${request.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, { resolve: resolve as (reply: unknown) => void, reject, timer });
      this.#child.send({ ...request, id }, (error) => {
        if (error) this.#fail(id, error);
      });
    });
  }

  #fail(id: number, error: Error) {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    pending.reject(error);
  }

  #failAll(reason: string) {
    for (const id of [...this.#pending.keys()]) this.#fail(id, new Error(reason));
  }
}

/** Waits for the first message of a kind the child sends on its own (its "ready"). */
export function firstMessage<M extends { type: string }>(
  child: ChildProcess,
  type: M['type'],
  name: string,
  timeoutMs: number,
): Promise<M> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (raw: unknown) => {
      if ((raw as { type?: unknown }).type !== type) return;
      cleanup();
      resolve(raw as M);
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${name} was not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
