import { useEffect, useState } from 'react';

/**
 * A part of the UI whose code is its own chunk: fetched the first time it is
 * needed and kept for the next times, so what a page loads up front stays
 * small (the emoji picker, the new-conversation panel). Tests replace `load`
 * to hold or fail it.
 */
export interface Chunk<T> {
  load: () => Promise<T>;
  loaded?: T;
}

export function lazyChunk<T>(load: () => Promise<T>): Chunk<T> {
  return { load };
}

/**
 * The chunk's module once loaded; `failed` when fetching it failed (a network
 * error, a deploy that removed it), with `retry` to fetch it again.
 */
export function useChunk<T>(chunk: Chunk<T>) {
  const [module, setModule] = useState(chunk.loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a retry after a failed load loads again
  useEffect(() => {
    if (module) return;
    let current = true;
    chunk.load().then(
      (loaded) => {
        chunk.loaded = loaded;
        if (current) setModule(loaded);
      },
      () => {
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, [chunk, module, attempt]);
  const retry = () => {
    setFailed(false);
    setAttempt((n) => n + 1);
  };
  return { module, failed, retry, attempt };
}
