/**
 * Runs `tick` every `intervalMs` between `start` and `stop`: polling what is open
 * while the socket is down (nothing is pushed over REST), refreshing presence while
 * it is up. Each round waits for the previous one, so a slow server is never asked
 * twice at once.
 */
export class Poller {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: () => Promise<void>,
    /** A round that failed: told here, never left as a rejected promise nobody awaits. */
    private readonly onError: (error: unknown) => void,
  ) {}

  start() {
    if (this.#running) return;
    this.#running = true;
    this.#schedule();
  }

  stop() {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule() {
    this.#timer = setTimeout(async () => {
      if (!this.#running) return;
      try {
        await this.tick();
      } catch (error) {
        this.onError(error);
      } finally {
        if (this.#running) this.#schedule();
      }
    }, this.intervalMs);
  }
}
