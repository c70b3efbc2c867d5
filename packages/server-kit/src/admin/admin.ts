import type { CreateConversationResult, Message, SendResult } from '@banter/core/protocol';
import type { ChatService } from '../chat/service';
import type { BanOptions } from '../moderation/bans';
import type { ResolvedOptions } from '../options';
import type { UserExport } from '../storage/user-data';
import {
  AdminConversations,
  type AdminCreateConversation,
  type AdminRemoveParticipant,
  type AdminUpdateConversation,
} from './admin-conversations';
import { type AdminDeleteMessage, AdminMessages, type AdminPostMessage } from './admin-messages';
import { AdminUsers, type EraseUserOptions, type EraseUserResult } from './admin-users';

/**
 * The host's own calls (`banter.admin`), for your server code only: no client can reach
 * them. Each runs the same validation, idempotency, storage and events as the user action it
 * mirrors, so connected clients on every node hear of it as they would of a user's. Only
 * authorization differs: the host may act in any conversation. Bad input is a `ChatError`
 * (`bad_request`, `not_found`, `conflict`) and writes nothing.
 *
 * @example
 * const { conversation } = await banter.admin.createConversation({
 *   kind: 'direct',
 *   userIds: [buyerId, sellerId],
 *   metadata: { listingId: '42' },
 *   idempotencyKey: `listing-42-${buyerId}`,
 * });
 * await banter.admin.postMessage({ conversationId: conversation.id, as: 'system', body: 'Offer accepted' });
 */
export interface BanterAdmin {
  /** Creates a conversation for the given users; members hear `conversation:updated`. */
  createConversation(input: AdminCreateConversation): Promise<CreateConversationResult>;
  /**
   * Posts a message as a participant, as the system or as a bot; it goes out as `message:new`,
   * reaches the change feed and `onMessage` like any message. `beforeMessage` and the send rate
   * limit are not applied: the host is not moderated.
   */
  postMessage(input: AdminPostMessage): Promise<SendResult>;
  /** Sets a conversation's title and metadata; each member hears `conversation:updated` (their own view). */
  updateConversation(input: AdminUpdateConversation): Promise<void>;
  /** Deletes any message, as its sender's delete would (`message:updated`, the change feed). */
  deleteMessage(input: AdminDeleteMessage): Promise<Message>;
  /** Takes anyone out of a group; they hear `conversation:removed`, the others `conversation:updated`. */
  removeParticipant(input: AdminRemoveParticipant): Promise<void>;
  /** Bans a user: their sockets get `session:ended` and are disconnected, every request is refused with `banned`. */
  ban(
    userId: string,
    options?: BanOptions,
  ): Promise<{
    /** Always true. */
    banned: true;
    /** False when they were banned already (the ban then takes the new reason). */
    created: boolean;
  }>;
  /** Lifts a ban at once, on every node. */
  unban(userId: string): Promise<{
    /** Always false. */
    banned: false;
    /** False when they were not banned. */
    removed: boolean;
  }>;
  /** Everything Banter stores about a user, as JSON (profiles are yours). */
  exportUser(userId: string): Promise<UserExport>;
  /** Erases a user in one transaction; see the README's Admin API section. */
  eraseUser(userId: string, options: EraseUserOptions): Promise<EraseUserResult>;
}

/** The admin API over the service every transport uses. */
export function createAdmin(service: ChatService, options: ResolvedOptions): BanterAdmin {
  const conversations = new AdminConversations(service, options);
  const messages = new AdminMessages(service, options);
  const users = new AdminUsers(service, options);
  return {
    createConversation: (input) => conversations.create(input),
    postMessage: (input) => messages.post(input),
    updateConversation: (input) => conversations.update(input),
    deleteMessage: (input) => messages.delete(input),
    removeParticipant: (input) => conversations.removeParticipant(input),
    ban: (userId, banOptions) => service.bans.ban(userId, banOptions),
    unban: (userId) => service.bans.unban(userId),
    exportUser: (userId) => users.export(userId),
    eraseUser: (userId, eraseOptions) => users.erase(userId, eraseOptions),
  };
}
