/**
 * A background job that runs every `intervalMs` and on demand: one run at a time (a call
 * during a run gets that run), its timer never keeps the process alive, and `stop()` waits
 * for the run in progress. A run reads `stopped` between its batches to end early.
 */
export class PeriodicRun<T> {
  readonly #run: () => Promise<T>;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<T> | null = null;
  #stopped = false;

  constructor(run: () => Promise<T>, intervalMs: number, onError: (error: unknown) => void) {
    this.#run = run;
    this.#intervalMs = intervalMs;
    this.#onError = onError;
  }

  /** Whether `stop()` was called: a run ends after its current batch. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Schedules the runs; the first is one interval from now. */
  start(): void {
    this.#stopped = false;
    this.#schedule();
  }

  /** One run now, or the one already under way. */
  runNow(): Promise<T> {
    this.#running ??= this.#run().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => {});
  }

  #schedule() {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.runNow()
        .catch(this.#onError)
        .finally(() => this.#schedule());
    }, this.#intervalMs);
    this.#timer.unref();
  }
}
