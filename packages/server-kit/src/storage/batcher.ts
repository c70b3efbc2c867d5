/**
 * Group commit: calls that arrive while the database is busy wait and go in
 * together, as one batch, when a slot frees up. A call that finds a slot free
 * goes at once, so an idle server adds no delay; under load, batches grow and
 * the round trips and commits per message shrink (see docs/benchmarks.md).
 *
 * `run` settles each call with its own outcome: `flush` returns one result or
 * error per input, in order, and a flush that throws fails every call in it
 * (one transaction: nothing of it was committed).
 */
export class Batcher<Input, Output> {
  readonly #waiting: { input: Input; settle: Settle<Output> }[] = [];
  #inFlight = 0;

  constructor(
    private readonly flush: (inputs: Input[]) => Promise<(Output | Error)[]>,
    private readonly options: {
      /** Batches in flight at most. */
      parallel: number;
      maxBatch: number;
      /** While a batch is in flight, another starts only once this many calls wait. Default 50. */
      spreadAt?: number;
    },
  ) {}

  run(input: Input): Promise<Output> {
    return new Promise<Output>((resolve, reject) => {
      this.#waiting.push({ input, settle: { resolve, reject } });
      this.#next();
    });
  }

  #next() {
    const spreadAt = this.options.spreadAt ?? 50;
    while (this.#inFlight < this.options.parallel && this.#waiting.length > 0) {
      // The batch in flight takes the calls waiting when it returns. Each extra batch costs
      // a wake-up of another database connection, which on a small machine is what adds the
      // tail latency: worth it only when enough calls wait that one batch cannot keep up.
      if (this.#inFlight > 0 && this.#waiting.length < spreadAt) break;
      const batch = this.#waiting.splice(0, this.options.maxBatch);
      this.#inFlight += 1;
      void this.#send(batch).finally(() => {
        this.#inFlight -= 1;
        this.#next();
      });
    }
  }

  async #send(batch: { input: Input; settle: Settle<Output> }[]) {
    try {
      const outcomes = await this.flush(batch.map((item) => item.input));
      for (const [index, { settle }] of batch.entries()) {
        const outcome = outcomes[index];
        if (outcome instanceof Error) settle.reject(outcome);
        else if (outcome === undefined) settle.reject(new Error('batch returned too few results'));
        else settle.resolve(outcome);
      }
    } catch (error) {
      for (const { settle } of batch) settle.reject(error);
    }
  }
}

interface Settle<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}
