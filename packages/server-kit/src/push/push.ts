import type { Message } from '@banter/core/protocol';
import type { Logger } from '../logger';
import { notifyByPush, type PushNotifierDeps } from './push-notifier';
import { type PushOptions, type ResolvedPush, resolvePush } from './push-options';
import { PushSender } from './push-sender';

/** Web Push as createBanter runs it: a notify to call after commit, and a close. */
export interface PushRuntime {
  options: ResolvedPush;
  /** Starts the pushes of a committed message; never throws, never awaited by a send. */
  notify(message: Message): void;
  close(): Promise<void>;
}

/** Checks the options and starts the sender; `describe` and `broadcaster` come from the service. */
export function startPush(
  options: PushOptions,
  deps: Omit<PushNotifierDeps, 'push' | 'sender'> & { logger: Logger },
): PushRuntime {
  const push = resolvePush(options);
  const sender = new PushSender(push, deps.logger, (endpoint) =>
    deps.storage.deletePushEndpoint(endpoint),
  );
  return {
    options: push,
    notify(message) {
      notifyByPush({ ...deps, push, sender }, message).catch((error: unknown) =>
        deps.logger.warn('unable to send push notifications', {
          conversationId: message.conversationId,
          error: String(error),
        }),
      );
    },
    close: () => sender.close(),
  };
}
