import { PeriodicRun } from '../background/periodic-run';
import { forEveryone } from '../chat/for-everyone';
import type { ChatService } from '../chat/service';
import type { Logger } from '../logger';

/** How long messages are kept: `retention` of `createBanter`. */
export interface RetentionOptions {
  /** Messages older than this many days are deleted (fractions allowed). */
  maxAgeDays: number;
  /** How often the sweep runs. Default 10 minutes; the first run is one interval after start. */
  intervalMs?: number;
}

const dayMs = 86_400_000;
const defaultIntervalMs = 10 * 60_000;
/** Messages per transaction: short enough that a conversation's sends never wait long. */
const batchSize = 500;
/** Batches per run: a run has an end, and what is left goes to the next one. */
const batchesPerRun = 100;

/** Checks `retention` when the server is created, so a mistake fails at start, not at 3 a.m. */
export function checkRetention(options: RetentionOptions): Required<RetentionOptions> {
  const { maxAgeDays, intervalMs = defaultIntervalMs } = options;
  if (!(Number.isFinite(maxAgeDays) && maxAgeDays > 0)) {
    throw new RangeError('retention.maxAgeDays must be a number of days above 0');
  }
  if (!(Number.isInteger(intervalMs) && intervalMs >= 1)) {
    throw new RangeError('retention.intervalMs must be a whole number of milliseconds, at least 1');
  }
  return { maxAgeDays, intervalMs };
}

/**
 * The retention sweep: every interval, messages older than `maxAgeDays` are deleted in
 * batches, as a user's delete (see `expireMessages`), and each conversation hears
 * `message:updated` for them. Every node may run it: batches take conversations with
 * `SKIP LOCKED`, so nodes share the work instead of repeating it.
 */
export class RetentionSweeper {
  readonly #service: ChatService;
  readonly #options: Required<RetentionOptions>;
  readonly #now: () => Date;
  readonly #job: PeriodicRun<number>;

  constructor(
    service: ChatService,
    options: Required<RetentionOptions>,
    now: () => Date,
    logger: Logger,
  ) {
    this.#service = service;
    this.#options = options;
    this.#now = now;
    this.#job = new PeriodicRun(
      () => this.#run(),
      options.intervalMs,
      (error) => logger.warn('retention sweep failed', { error: String(error) }),
    );
    this.#job.start();
  }

  /** One run now: deletes what is expired (up to a bound) and resolves with how many. */
  sweep(): Promise<number> {
    return this.#job.runNow();
  }

  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void> {
    return this.#job.stop();
  }

  async #run(): Promise<number> {
    let deleted = 0;
    for (let batch = 0; batch < batchesPerRun && !this.#job.stopped; batch++) {
      const now = this.#now();
      const messages = await this.#service.storage.expireMessages({
        before: new Date(now.getTime() - this.#options.maxAgeDays * dayMs),
        now,
        limit: batchSize,
      });
      if (messages.length === 0) break;
      for (const message of messages) {
        this.#service.broadcaster.toConversation(
          message.conversationId,
          'message:updated',
          forEveryone(message),
        );
      }
      deleted += messages.length;
    }
    return deleted;
  }
}
