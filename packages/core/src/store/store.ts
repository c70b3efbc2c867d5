import type { Action } from './actions';
import { reduce } from './reducer';
import type { ChatState } from './state';

export type Listener = () => void;

export interface Store {
  getSnapshot(): ChatState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void;
  dispatch(action: Action): void;
}

/**
 * The external store React's `useSyncExternalStore` expects. A listener that
 * throws is isolated: the others still run, and the error is reported.
 */
export function createStore(initial: ChatState, onListenerError: (error: unknown) => void): Store {
  let state = initial;
  const listeners = new Set<Listener>();
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch(action) {
      const next = reduce(state, action);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) {
        try {
          listener();
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}
