import type { Storage } from '@banter/server-kit';

/**
 * The storage with one method wrapped, for tests that need to see or act on a call
 * (count history pages, cut connections right after a commit). Every other method
 * still runs on the real storage, whose private fields need it as `this`.
 */
export function spyOnStorage<K extends keyof Storage>(
  storage: Storage,
  method: K,
  wrap: (original: Storage[K]) => Storage[K],
): Storage {
  return new Proxy(storage, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      const bound = value.bind(target);
      return key === method ? wrap(bound as Storage[K]) : bound;
    },
  });
}
