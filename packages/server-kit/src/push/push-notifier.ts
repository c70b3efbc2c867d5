import type { Message } from '@banter/core/protocol';
import type { Broadcaster } from '../chat/broadcaster';
import type { Logger } from '../logger';
import type { Storage } from '../storage/storage';
import type { ResolvedPush } from './push-options';
import { type PushPayload, pushPayloadOf, pushTopic } from './push-payload';
import type { PushOutcome, PushSender } from './push-sender';

/** What the notifier reads: the store, who is online (any node), and names through the host. */
export interface PushNotifierDeps {
  storage: Storage;
  push: ResolvedPush;
  sender: PushSender;
  logger: Logger;
  /** The current broadcaster: its `onlineUsers` answers for every node. */
  broadcaster: () => Broadcaster;
  /** The conversation as the viewer sees it (title), and the sender's name for the viewer. */
  describe(
    viewerId: string,
    message: Message,
  ): Promise<{ senderName: string; conversationTitle: string | null }>;
}

/** Every push that one message led to, and how each ended (for tests and logs). */
export interface PushRound {
  /** The users who had no connected device, had not muted it, and had a subscription. */
  userIds: string[];
  outcomes: { userId: string; endpoint: string; payload: PushPayload; outcome: PushOutcome }[];
}

/**
 * After commit: pushes a new message to every participant but the sender who has no device
 * connected anywhere and has not muted the conversation, one push per subscribed browser.
 * Resolves when every push has ended; the service never awaits it.
 */
export async function notifyByPush(deps: PushNotifierDeps, message: Message): Promise<PushRound> {
  const { storage, push, sender } = deps;
  const participants = await storage.listParticipantIds(message.conversationId);
  const others = participants.filter((id) => id !== message.senderId);
  if (others.length === 0) return { userIds: [], outcomes: [] };
  const online = await deps.broadcaster().onlineUsers(others);
  const offline = others.filter((id) => !online.has(id));
  const targets = await storage.listPushTargets(message.conversationId, offline);
  const userIds = [...new Set(targets.map((target) => target.userId))];
  // Names depend on the viewer (the host's getUsers), so one payload per recipient.
  const payloads = new Map<string, PushPayload>();
  for (const userId of userIds) {
    const context =
      push.preview === 'none'
        ? { senderName: '', conversationTitle: null }
        : await deps.describe(userId, message);
    payloads.set(userId, pushPayloadOf(message, push.preview, context));
  }
  const topic = pushTopic(message.conversationId);
  const outcomes = await Promise.all(
    targets.map(async (target) => {
      const payload = payloads.get(target.userId) as PushPayload;
      const outcome = await sender.send({ target, payload: JSON.stringify(payload), topic });
      return { userId: target.userId, endpoint: target.endpoint, payload, outcome };
    }),
  );
  return { userIds, outcomes };
}
