import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher';

/** A flush the test answers by hand, recording the batches it was given. */
function manualFlush() {
  const batches: {
    inputs: number[];
    answer: (outputs: (string | Error)[]) => void;
    fail: (e: Error) => void;
  }[] = [];
  const flush = (inputs: number[]) =>
    new Promise<(string | Error)[]>((resolve, reject) => {
      batches.push({ inputs, answer: resolve, fail: reject });
    });
  return { batches, flush };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Batcher (group commit)', () => {
  it('sends a call at once when idle, and groups the calls that arrive meanwhile', async () => {
    const { batches, flush } = manualFlush();
    const batcher = new Batcher(flush, { parallel: 4, maxBatch: 10 });
    const first = batcher.run(1);
    const rest = [2, 3, 4].map((n) => batcher.run(n));
    expect(batches.map((b) => b.inputs)).toEqual([[1]]);
    batches[0]?.answer(['one']);
    expect(await first).toBe('one');
    await tick();
    expect(batches.map((b) => b.inputs)).toEqual([[1], [2, 3, 4]]);
    batches[1]?.answer(['two', 'three', 'four']);
    expect(await Promise.all(rest)).toEqual(['two', 'three', 'four']);
  });

  it('starts another batch in parallel only once enough calls wait, and never more than allowed', async () => {
    const { batches, flush } = manualFlush();
    const batcher = new Batcher(flush, { parallel: 2, maxBatch: 3, spreadAt: 3 });
    void batcher.run(0);
    void batcher.run(1);
    void batcher.run(2);
    expect(batches).toHaveLength(1);
    void batcher.run(3);
    // Three waiting: worth a second batch, of at most maxBatch.
    expect(batches.map((b) => b.inputs)).toEqual([[0], [1, 2, 3]]);
    for (const n of [4, 5, 6, 7]) void batcher.run(n);
    expect(batches).toHaveLength(2);
    batches[0]?.answer(['0']);
    await tick();
    expect(batches.map((b) => b.inputs)).toEqual([[0], [1, 2, 3], [4, 5, 6]]);
  });

  it('settles each call with its own outcome, and fails every call of a batch that throws', async () => {
    const { batches, flush } = manualFlush();
    const batcher = new Batcher(flush, { parallel: 1, maxBatch: 10 });
    const lone = batcher.run(1);
    const [ok, refused] = [batcher.run(2), batcher.run(3)];
    batches[0]?.fail(new Error('database down'));
    await expect(lone).rejects.toThrow('database down');
    await tick();
    batches[1]?.answer(['fine', new Error('not yours')]);
    expect(await ok).toBe('fine');
    await expect(refused).rejects.toThrow('not yours');
  });
});
