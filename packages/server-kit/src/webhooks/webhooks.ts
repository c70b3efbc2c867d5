import type { Logger } from '../logger';
import { sqlAccessOf } from '../storage/sql-access';
import type { Storage } from '../storage/storage';
import { resolveWebhookOptions } from './resolve-webhook-options';
import { type ReplayWebhooksOptions, WebhookDispatcher } from './webhook-dispatcher';
import type { WebhookOptions } from './webhook-options';

/** Webhooks as `createBanter` runs them: the storage the service should use, replay and close. */
export interface RunningWebhooks {
  /** The host's storage, whose writes wait for the triggers to exist and then wake the dispatcher. */
  storage: Storage;
  replay(options: ReplayWebhooksOptions): Promise<number>;
  close(): Promise<void>;
}

/** Storage methods that never change what an event records: they wake no one. */
const quiet = /^(get|list|find|ping|migrate|close|advance|setLastSeen|setArchived|setMuted)/;

/**
 * Starts the dispatcher over the storage's own database. `createBanter` is synchronous, so
 * the triggers are installed in the background; every write waits for them first, so no change
 * this node makes can commit without its event.
 */
export function startWebhooks(storage: Storage, options: WebhookOptions, logger: Logger) {
  const resolved = resolveWebhookOptions(options);
  const sql = sqlAccessOf(storage);
  if (!sql) {
    throw new TypeError(
      'webhooks need the built-in storage (pgliteStorage or postgresStorage): they read its tables',
    );
  }
  const dispatcher = new WebhookDispatcher(sql, resolved, logger);
  let started: Promise<void> | null = null;
  /** Set once the triggers exist: from then on a write goes straight through, with no extra await. */
  let running = false;
  const ready = () => {
    // A failed start (the database away) is tried again by the next write.
    started ??= dispatcher.start().then(
      () => {
        running = true;
      },
      (error: unknown) => {
        started = null;
        throw error;
      },
    );
    return started;
  };
  ready().catch((error: unknown) =>
    logger.error('unable to start webhooks; retrying on the next write', {
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  // Each method is wrapped once, on first use: the send path reads several per message.
  const wrapped = new Map<PropertyKey, { of: unknown; call: unknown }>();
  const wrap = (target: Storage, key: PropertyKey, value: (...args: unknown[]) => unknown) => {
    // Called on the store itself: its methods read private fields, which a Proxy does not have.
    if (typeof key !== 'string' || quiet.test(key)) {
      return (...args: unknown[]) => value.apply(target, args);
    }
    return async (...args: unknown[]) => {
      if (!running) await ready();
      const result = await value.apply(target, args);
      dispatcher.wake();
      return result;
    };
  };
  const waking = new Proxy(storage, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      const known = wrapped.get(key);
      if (known && known.of === value) return known.call;
      const call = wrap(target, key, value as (...args: unknown[]) => unknown);
      wrapped.set(key, { of: value, call });
      return call;
    },
  });
  return {
    storage: waking,
    replay: async (replayOptions: ReplayWebhooksOptions) => {
      await ready();
      return dispatcher.replay(replayOptions);
    },
    close: () => dispatcher.close(),
  } satisfies RunningWebhooks;
}
