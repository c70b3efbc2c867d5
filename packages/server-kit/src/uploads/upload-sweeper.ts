import { PeriodicRun } from '../background/periodic-run';
import type { Logger } from '../logger';
import type { ResolvedUploads } from './upload-options';
import { deleteExpired } from './upload-sql';

/** Uploads per statement, and statements per run: a run has an end, the rest waits. */
const batchSize = 200;
const batchesPerRun = 50;

/**
 * Deletes uploads that no message used `expireUnsentAfterMs` after their
 * creation (24 h by default): first their rows (so no send can claim them any
 * more), then their bytes. Runs every `sweepIntervalMs`, never keeps the
 * process alive, and is stopped by `banter.close()`.
 */
export class UploadSweeper {
  readonly #u: ResolvedUploads;
  readonly #now: () => Date;
  readonly #logger: Logger;
  readonly #job: PeriodicRun<number>;

  constructor(uploads: ResolvedUploads, now: () => Date, logger: Logger) {
    this.#u = uploads;
    this.#now = now;
    this.#logger = logger;
    this.#job = new PeriodicRun(
      () => this.#run(),
      uploads.sweepIntervalMs,
      (error) => logger.warn('upload sweep failed', { error: String(error) }),
    );
  }

  /** Schedules the runs; the first is one interval from now. */
  start(): void {
    this.#job.start();
  }

  /** One run now; resolves with how many uploads it deleted. */
  sweep(): Promise<number> {
    return this.#job.runNow();
  }

  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void> {
    return this.#job.stop();
  }

  async #run(): Promise<number> {
    let deleted = 0;
    const now = this.#now();
    for (let batch = 0; batch < batchesPerRun && !this.#job.stopped; batch++) {
      const ids = await deleteExpired(this.#u.sql, now, batchSize);
      for (const id of ids) {
        await this.#u.store.delete(id).catch((error) =>
          this.#logger.warn('unable to delete the bytes of an expired upload', {
            uploadId: id,
            error: String(error),
          }),
        );
      }
      deleted += ids.length;
      if (ids.length < batchSize) break;
    }
    // A PUT older than the longest a target URL works can no longer finish.
    await this.#u.store.sweep?.(new Date(now.getTime() - this.#u.uploadUrlTtlMs - 60_000));
    return deleted;
  }
}
