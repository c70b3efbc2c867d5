import {
  type Attachment,
  ChatError,
  idProblem,
  type Message,
  type SendResult,
} from '@banter/core/protocol';
import { forEveryone } from '../chat/for-everyone';
import type { ChatService } from '../chat/service';
import type { ResolvedOptions } from '../options';
import { checkId } from './admin-conversations';
import { admitHostInput, checkUserId, refusal } from './admin-input';
import { botSenderId, systemSenderId } from './host-senders';

/**
 * Who a message the host posts comes from: a participant, the system (a notice, stored with
 * kind `system` and sender `systemSenderId`), or a bot (sender `botSenderId(botId)`, which
 * needs not be a participant; the host's `getUsers` hook names it).
 */
export type AdminSender =
  | 'system'
  | {
      /** A participant of the conversation. */
      userId: string;
    }
  | {
      /** Your bot's id, at most 100 characters; its sender id is `banter:bot:<botId>`. */
      botId: string;
    };

/** What `banter.admin.postMessage` takes. */
export interface AdminPostMessage {
  /** The conversation to post in. */
  conversationId: string;
  /** The text; not blank for a `text` or system message, at most `maxTextLength` characters. */
  body: string;
  /** Who it comes from. */
  as: AdminSender;
  /** Your idempotency key for this message: posting again with it returns the first one. Default: a new one each call. */
  clientId?: string;
  /** `text` (default), `image` or `file` (these need attachments). A system message is always `system`. */
  kind?: 'text' | 'image' | 'file';
  /** Up to 10 attachments, as in a user's send. */
  attachments?: Attachment[];
}

/** What `banter.admin.deleteMessage` takes. */
export interface AdminDeleteMessage {
  /** The message's conversation. */
  conversationId: string;
  /** Any message of it, whoever sent it. */
  messageId: string;
}

/** The host's calls on messages: a user's send and delete, without a user's limits on who. */
export class AdminMessages {
  readonly #service: ChatService;
  readonly #o: ResolvedOptions;

  constructor(service: ChatService, options: ResolvedOptions) {
    this.#service = service;
    this.#o = options;
  }

  async post(input: AdminPostMessage): Promise<SendResult> {
    const action = 'post message';
    const sender = senderOf(input?.as, action);
    const parsed = admitHostInput(
      this.#o,
      'message:send',
      {
        conversationId: input.conversationId,
        clientId: input.clientId ?? crypto.randomUUID(),
        kind: sender.system ? 'text' : (input.kind ?? 'text'),
        body: input.body,
        attachments: input.attachments,
      },
      action,
    );
    this.#service.checkTextLength(parsed.body, 'post');
    const draft = {
      id: crypto.randomUUID(),
      conversationId: parsed.conversationId,
      senderId: sender.id,
      clientId: parsed.clientId,
      kind: sender.system ? ('system' as const) : parsed.kind,
      body: parsed.body,
      attachments: parsed.attachments,
      replyTo: null,
      now: this.#o.now(),
    };
    const store = this.#service.storage;
    // A participant's message goes the way of their own sends (their read mark moves too).
    const result = sender.participant
      ? await store.insertMessage(draft)
      : await store.insertHostMessage(draft);
    if (result.created) {
      this.#service.broadcaster.toConversation(draft.conversationId, 'message:new', result.message);
      this.#service.notifyOnMessage(result.message);
    }
    return result;
  }

  async delete(input: AdminDeleteMessage): Promise<Message> {
    const action = 'delete message';
    const conversationId = checkId(input?.conversationId, 'conversationId', action);
    const messageId = checkId(input.messageId, 'messageId', action);
    const store = this.#service.storage;
    const existing = await store.getMessage(conversationId, messageId);
    if (!existing) throw new ChatError('not_found', `unable to ${action}: no such message`);
    // Deleting twice is not an error, as for a user.
    if (existing.deletedAt !== null) return existing;
    const message = await store.deleteMessage(conversationId, messageId, this.#o.now());
    this.#service.broadcaster.toConversation(
      conversationId,
      'message:updated',
      forEveryone(message),
    );
    return message;
  }
}

function senderOf(as: AdminSender | undefined, action: string) {
  if (as === 'system') return { id: systemSenderId, system: true, participant: false };
  if (as && typeof as === 'object' && 'userId' in as) {
    return { id: checkUserId(as.userId, 'as.userId', action), system: false, participant: true };
  }
  if (as && typeof as === 'object' && 'botId' in as) {
    const problem = typeof as.botId === 'string' ? idProblem(as.botId, 100) : 'must be a string';
    if (problem !== null)
      throw refusal('bad_request', action, [{ path: 'as.botId', message: problem }]);
    return { id: botSenderId(as.botId), system: false, participant: false };
  }
  throw refusal('bad_request', action, [
    { path: 'as', message: "must be 'system', { userId } or { botId }" },
  ]);
}
