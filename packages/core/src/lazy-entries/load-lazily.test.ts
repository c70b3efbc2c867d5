import { describe, expect, it } from 'vitest';
import { ChatError } from '../protocol';
import { loadLazily } from './load-lazily';

describe('loadLazily', () => {
  it('loads once and holds the result', async () => {
    let calls = 0;
    const load = loadLazily(async () => ({ n: ++calls }), 'the test code');
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(await load()).toBe(a);
    expect(calls).toBe(1);
  });

  it('turns a failed load into a retryable unavailable, and loads again on the next call', async () => {
    let calls = 0;
    const load = loadLazily(async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return 'loaded';
    }, 'the test code');
    const failure = await load().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChatError);
    expect((failure as ChatError).code).toBe('unavailable');
    expect((failure as ChatError).retryable).toBe(true);
    expect(await load()).toBe('loaded');
    expect(calls).toBe(2);
  });
});
