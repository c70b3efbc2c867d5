/**
 * What the client learns from its host platform. Browsers report going
 * online and the tab becoming visible; Node has neither and is always online.
 * Nothing here touches `window` or `document` until a client starts.
 */
export interface Environment {
  /** Whether the device reports a network (`navigator.onLine`). */
  isOnline(): boolean;
  /** Calls `onWake` when the network comes back or the page becomes visible; returns an unsubscribe. */
  onWake(onWake: () => void): () => void;
  /** Calls `onOffline` when the platform reports losing the network. */
  onOffline(onOffline: () => void): () => void;
}

export function platformEnvironment(): Environment {
  const g = globalThis as {
    navigator?: { onLine?: boolean };
    addEventListener?: (type: string, listener: () => void) => void;
    removeEventListener?: (type: string, listener: () => void) => void;
    document?: {
      visibilityState?: string;
      addEventListener(type: string, listener: () => void): void;
      removeEventListener(type: string, listener: () => void): void;
    };
  };
  return {
    isOnline: () => g.navigator?.onLine !== false,
    onWake(onWake) {
      const onVisible = () => {
        if (g.document?.visibilityState === 'visible') onWake();
      };
      g.addEventListener?.('online', onWake);
      g.document?.addEventListener('visibilitychange', onVisible);
      return () => {
        g.removeEventListener?.('online', onWake);
        g.document?.removeEventListener('visibilitychange', onVisible);
      };
    },
    onOffline(onOffline) {
      g.addEventListener?.('offline', onOffline);
      return () => g.removeEventListener?.('offline', onOffline);
    },
  };
}
