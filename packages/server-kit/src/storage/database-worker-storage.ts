import { ChatError, type ErrorCode } from '@banter/core/protocol';
import { type DatabaseLink, type Placement, spawnDatabase } from './database-process';
import {
  batchedPoster,
  type FromDatabase,
  type StorageMethod,
  type ToDatabase,
  type WireError,
} from './database-wire';
import { registerSqlAccess } from './sql-access';
import { SqlStorage } from './sql-storage';
import type { Storage } from './storage';

/** What the database side answers: every public method of the SQL store but its lifecycle. */
const storageMethods = Object.getOwnPropertyNames(SqlStorage.prototype).filter(
  (name): name is StorageMethod => name !== 'constructor' && name !== 'close',
);

export interface DatabaseWorkerOptions {
  dataDir: string | undefined;
  schema: string | undefined;
  placement: Placement;
  /** Told when the database side stopped and is being restarted. Default: console.warn. */
  onRestart?: (reason: string) => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** One running database side and what it has not answered yet. */
interface Running {
  link: DatabaseLink;
  post(message: ToDatabase): void;
  opened: Pending | null;
  closed: (() => void) | null;
}

const restartDelayMs = { first: 50, max: 2_000 };
const answersPerTurn = 8;

const unavailable = (why: string) =>
  new ChatError('unavailable', `unable to reach the database: ${why}`);

// The forwarding methods are defined in the constructor, one per method of SqlStorage.
export interface DatabaseWorkerStorage extends Omit<Storage, 'close'> {}

/**
 * Storage whose database runs in a worker thread or a child process: every call is
 * posted there and answered from there, so queries never block this thread's sockets.
 *
 * If the database side dies, the calls it had not answered fail with a retryable
 * `unavailable` (their outcome is unknown: clients retry with the same idempotency
 * keys), calls meanwhile are refused the same way, and it is restarted on the same
 * data folder, with a growing delay while it keeps failing to open.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the constructor
export class DatabaseWorkerStorage implements Storage {
  readonly #options: DatabaseWorkerOptions;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #running: Running | null = null;
  #state: 'starting' | 'up' | 'down' | 'closed' = 'starting';
  #restartDelay = restartDelayMs.first;
  #restartTimer: NodeJS.Timeout | null = null;
  readonly #answers: (() => void)[] = [];

  private constructor(options: DatabaseWorkerOptions) {
    this.#options = options;
    // Every Storage method is answered by the SqlStorage on the other side, under its own name.
    // Plain writable properties: the service wraps the store in a Proxy, which may only
    // report a different value for a property that is configurable or writable.
    for (const method of storageMethods) {
      Object.assign(this, { [method]: (...args: unknown[]) => this.#call(method, args) });
    }
    registerSqlAccess(this, {
      query: <Row>(sql: string, params: unknown[] = []) =>
        this.#post((id) => ({ type: 'query', id, sql, params })) as Promise<Row[]>,
      schema: options.schema ?? 'banter',
    });
  }

  /** Resolves once the database is open and migrated; throws when it cannot be opened. */
  static async start(options: DatabaseWorkerOptions): Promise<DatabaseWorkerStorage> {
    const storage = new DatabaseWorkerStorage(options);
    await storage.#open();
    return storage;
  }

  /** The database side's process id (child-process placement), for tests that kill it. */
  get databasePid(): number | null {
    return this.#running?.link.pid ?? null;
  }

  /** Ends the database side abruptly, as a crash would (tests of a worker-thread placement). */
  crashDatabaseForTesting(): void {
    this.#running?.link.kill();
  }

  #open(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let running: Running | null = null;
      const link = spawnDatabase(this.#options.placement, {
        onMessages: (messages) => running && this.#receive(running, messages),
        onExit: (reason) => running && this.#ended(running, reason),
      });
      running = {
        link,
        post: batchedPoster<ToDatabase>((messages) => link.post(messages)),
        opened: { resolve: () => resolve(), reject },
        closed: null,
      };
      this.#running = running;
      link.ref();
      running.post({ type: 'open', dataDir: this.#options.dataDir, schema: this.#options.schema });
    });
  }

  #receive(running: Running, messages: FromDatabase[]) {
    for (const message of messages) {
      if (message.type === 'result' || message.type === 'error') {
        const pending = this.#pending.get(message.id);
        if (!pending) continue;
        this.#pending.delete(message.id);
        if (this.#pending.size === 0) running.link.unref();
        this.#settle(() =>
          message.type === 'result'
            ? pending.resolve(message.value)
            : pending.reject(fromWireError(message.error)),
        );
      } else if (message.type === 'ready') {
        this.#state = 'up';
        this.#restartDelay = restartDelayMs.first;
        if (this.#pending.size === 0) running.link.unref();
        running.opened?.resolve(undefined);
        running.opened = null;
      } else if (message.type === 'failed') {
        // It could not open the database: it is of no use, and whoever opened it decides what next.
        const opened = running.opened;
        running.opened = null;
        if (this.#running === running) this.#running = null;
        running.link.kill();
        opened?.reject(fromWireError(message.error));
      } else if (message.type === 'closed') {
        running.closed?.();
      }
    }
  }

  /**
   * A batch of sends commits at once, and each answer sets off its broadcast and ack on
   * this thread: a few at a time, so the sockets are read in between, never a whole
   * batch's worth of work in one go.
   */
  #settle(answer: () => void) {
    this.#answers.push(answer);
    if (this.#answers.length === 1) setImmediate(() => this.#answerSome());
  }

  #answerSome() {
    for (const answer of this.#answers.splice(0, answersPerTurn)) answer();
    if (this.#answers.length > 0) setImmediate(() => this.#answerSome());
  }

  #ended(running: Running, reason: string) {
    if (this.#running !== running) return;
    this.#running = null;
    running.closed?.();
    // Whatever it had not answered may or may not have been committed: the caller retries.
    const lost = [...this.#pending.values()];
    this.#pending.clear();
    for (const pending of lost) pending.reject(unavailable('the database worker stopped'));
    if (running.opened) {
      // It died while opening: whoever opened it decides what next.
      running.opened.reject(new Error(`unable to open the database: ${reason}`));
      running.opened = null;
      return;
    }
    if (this.#state === 'closed') return;
    this.#state = 'down';
    (this.#options.onRestart ?? warn)(
      `the PGlite database worker stopped (${reason}); restarting it on the same data folder`,
    );
    this.#scheduleRestart();
  }

  #scheduleRestart() {
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      if (this.#state === 'closed') return;
      this.#open().catch(() => {
        if (this.#state === 'closed') return;
        this.#restartDelay = Math.min(this.#restartDelay * 2, restartDelayMs.max);
        this.#scheduleRestart();
      });
    }, this.#restartDelay);
  }

  #call(method: StorageMethod, args: unknown[]): Promise<unknown> {
    return this.#post((id) => ({ type: 'call', id, method, args }));
  }

  #post(message: (id: number) => ToDatabase): Promise<unknown> {
    const running = this.#running;
    if (this.#state === 'closed') return Promise.reject(unavailable('the storage is closed'));
    if (this.#state !== 'up' || !running)
      return Promise.reject(unavailable('the database is restarting'));
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      if (this.#pending.size === 0) running.link.ref();
      this.#pending.set(id, { resolve, reject });
      running.post(message(id));
    });
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    const running = this.#running;
    if (!running) return;
    running.link.ref();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => running.link.kill(), 10_000);
      running.closed = () => {
        clearTimeout(timer);
        resolve();
      };
      running.post({ type: 'close' });
    });
  }
}

/** A refusal stays a ChatError (a domain answer); anything else means the store failed. */
function fromWireError(wire: WireError): Error {
  if (wire.chat) {
    return new ChatError(wire.code as ErrorCode, wire.message, {
      retryAfterMs: wire.chat.retryAfterMs,
      issues: wire.chat.issues,
    });
  }
  return Object.assign(new Error(wire.message), wire.code === undefined ? {} : { code: wire.code });
}

const warn = (message: string) => console.warn(`[banter] ${message}`);
