import {
  type ChangePage,
  ChatError,
  type Conversation,
  type ConversationPage,
  type CreateConversationResult,
  defaultPageSize,
  type Mention,
  type Message,
  type MessagePage,
  mentionParticipantIssues,
  type Presence,
  type Receipt,
  type SendResult,
  type UserProfile,
} from '@banter/core/protocol';
import { reservedProfile } from '../admin/host-senders';
import { RateLimiter } from '../limits/token-bucket';
import { Bans } from '../moderation/bans';
import { Blocks } from '../moderation/blocks';
import { Reports } from '../moderation/reports';
import type { ParsedInput } from '../operations/admit';
import type { ResolvedOptions } from '../options';
import { mentionRefusal } from '../storage/message-batch';
import type { Storage, Watermark } from '../storage/storage';
import { type ClaimedUploads, UploadService } from '../uploads/upload-service';
import type { Broadcaster } from './broadcaster';
import { decodeCursor, encodeCursor } from './conversation-cursor';
import { forEveryone } from './for-everyone';
import { groupRequestOf } from './group-request';
import { callHook } from './guarded-hook';
import { guardStorage } from './guarded-storage';

const notParticipant = 'conversation not found, or you are not a participant';

/** Mentions are stored in body order, so readers can walk the text once. */
const inOrder = (mentions: Mention[]) => [...mentions].sort((a, b) => a.start - b.start);

/** One refusal for every reason a person may not be reached, so none of them is revealed. */
const mayNotContact = (action: string, whom = 'this user') =>
  new ChatError('forbidden', `unable to ${action}: you may not contact ${whom}`);

/**
 * Every chat operation, independent of transport: the socket handlers and the
 * REST routes both call these with an authenticated user id and a validated
 * payload, so both behave the same way, error for error.
 */
export class ChatService {
  readonly #o: ResolvedOptions;
  readonly #store: Storage;
  readonly #sendLimiter: RateLimiter;
  #broadcaster: Broadcaster;
  /** The host's bans (`banter.admin` calls these); the handshake and REST check them. */
  readonly bans: Bans;
  /** Users' own blocks: `user:block`, `user:unblock`, `user:blocks`. */
  readonly blocks: Blocks;
  /** `message:report`, handed to the host's `onReport`. */
  readonly reports: Reports;
  /** `upload:*` requests, and the uploads a `message:send` names. */
  readonly uploads: UploadService;
  /** Told of every new message after commit, off the ack path (Web Push); must not throw. */
  readonly committedListeners: ((message: Message) => void)[] = [];

  constructor(options: ResolvedOptions, broadcaster: Broadcaster) {
    this.#o = options;
    this.#store = guardStorage(options.storage, options.logger);
    this.#sendLimiter = new RateLimiter(options.limits.sendRate, () => options.now().getTime());
    this.#broadcaster = broadcaster;
    const storage = this.#store;
    const reach = () => this.#broadcaster;
    this.bans = new Bans({ storage, broadcaster: reach, now: options.now });
    this.blocks = new Blocks({
      storage,
      broadcaster: reach,
      now: options.now,
      presenceFor: async (viewerId, userId) =>
        (await this.getPresence(viewerId, [userId]))[0] ?? null,
    });
    this.uploads = new UploadService({
      uploads: options.uploads ?? null,
      storage,
      now: options.now,
      logger: options.logger,
    });
    this.reports = new Reports({
      storage,
      conversationFor: (userId, conversationId) => this.getConversation(userId, conversationId),
      hooks: options.hooks,
      logger: options.logger,
      hookTimeoutMs: options.limits.hookTimeoutMs,
    });
  }

  /** Set once the Socket.IO namespace is attached. */
  useBroadcaster(broadcaster: Broadcaster) {
    this.#broadcaster = broadcaster;
  }

  get storage(): Storage {
    return this.#store;
  }

  /** Where events go: set by `attach`, a no-op before. The host's calls (src/admin) announce through it. */
  get broadcaster(): Broadcaster {
    return this.#broadcaster;
  }

  async listConversations(
    userId: string,
    input: ParsedInput<'conversation:list'>,
  ): Promise<ConversationPage> {
    const limit = input.limit ?? defaultPageSize;
    const conversations = await this.#store.listConversations(userId, {
      archived: input.archived ?? false,
      limit,
      after: input.cursor ? decodeCursor(input.cursor) : null,
    });
    const last = conversations.at(-1);
    return {
      conversations,
      nextCursor: conversations.length === limit && last ? encodeCursor(last) : null,
    };
  }

  async getConversation(userId: string, conversationId: string): Promise<Conversation> {
    const conversation = await this.#store.getConversation(conversationId, userId);
    if (!conversation) throw new ChatError('not_found', notParticipant);
    return conversation;
  }

  async createConversation(
    userId: string,
    input: ParsedInput<'conversation:create'>,
  ): Promise<CreateConversationResult> {
    const now = this.#o.now();
    let id: string;
    let created = true;
    if (input.kind === 'direct') {
      if (input.userId === userId) {
        throw new ChatError(
          'bad_request',
          'unable to create conversation: a direct conversation needs another user',
          {
            issues: [{ path: 'userId', message: 'must be someone other than you' }],
          },
        );
      }
      // A block either way refuses as the host's rule does: the answer does not reveal it.
      const [allowed, blocked] = await Promise.all([
        this.#mayContact(userId, input.userId),
        this.blocks.between(userId, input.userId),
      ]);
      if (!allowed || blocked) throw mayNotContact('create conversation');
      ({ id, created } = await this.#store.createDirectConversation({
        id: crypto.randomUUID(),
        createdBy: userId,
        otherUserId: input.userId,
        metadata: input.metadata ?? null,
        now,
      }));
    } else {
      this.#checkGroupSize(new Set([userId, ...input.participantIds]).size, 'create conversation');
      await this.#assertMayGather(userId, input.participantIds, 'create conversation');
      const key = input.idempotencyKey;
      ({ id, created } = await this.#store.createGroupConversation({
        id: crypto.randomUUID(),
        createdBy: userId,
        participantIds: input.participantIds,
        title: input.title || null,
        metadata: input.metadata ?? null,
        idempotency: key === undefined ? null : { key, request: groupRequestOf(userId, input) },
        now,
      }));
    }
    const conversation = await this.getConversation(userId, id);
    if (created) {
      const members = conversation.participants.map((p) => p.userId);
      this.#broadcaster.join(members, id);
      await this.announce(id, members);
    }
    return { conversation, created };
  }

  async addParticipants(userId: string, input: ParsedInput<'conversation:addParticipants'>) {
    const { conversationId } = input;
    const group = await this.#requireOwnerOfGroup(userId, conversationId, 'add participants');
    const members = new Set([...group.participants.map((p) => p.userId), ...input.userIds]);
    this.#checkGroupSize(members.size, 'add participants');
    const present = new Set(group.participants.map((p) => p.userId));
    const joining = input.userIds.filter((id) => !present.has(id));
    await this.#assertMayGather(userId, joining, 'add participants');
    const added = await this.#store.addParticipants(conversationId, input.userIds, this.#o.now());
    if (added.length > 0) {
      this.#broadcaster.join(added, conversationId);
      await this.announce(conversationId, [...group.participants.map((p) => p.userId), ...added]);
    }
    return this.getConversation(userId, conversationId);
  }

  async removeParticipant(userId: string, input: ParsedInput<'conversation:removeParticipant'>) {
    if (input.userId === userId) {
      throw new ChatError(
        'bad_request',
        'unable to remove participant: to remove yourself, leave the conversation',
        {
          issues: [{ path: 'userId', message: 'use conversation:leave for yourself' }],
        },
      );
    }
    await this.#requireOwnerOfGroup(userId, input.conversationId, 'remove participants');
    if (!(await this.#store.removeParticipant(input.conversationId, input.userId))) {
      throw new ChatError(
        'not_found',
        'unable to remove participant: not a participant of this conversation',
      );
    }
    await this.afterRemoval(input.conversationId, input.userId, 'removed');
    return this.getConversation(userId, input.conversationId);
  }

  async leave(userId: string, conversationId: string) {
    const conversation = await this.getConversation(userId, conversationId);
    if (conversation.kind === 'direct') {
      throw new ChatError('forbidden', 'unable to leave a direct conversation: archive it instead');
    }
    if (!(await this.#store.removeParticipant(conversationId, userId))) {
      throw new ChatError('not_found', notParticipant);
    }
    await this.afterRemoval(conversationId, userId, 'left');
    return { conversationId };
  }

  async setArchived(userId: string, conversationId: string, archived: boolean) {
    await this.#requireParticipant(userId, conversationId);
    await this.#store.setArchived(conversationId, userId, archived);
    return this.#refreshOwnDevices(userId, conversationId);
  }

  async setMuted(userId: string, conversationId: string, muted: boolean) {
    await this.#requireParticipant(userId, conversationId);
    await this.#store.setMuted(conversationId, userId, muted);
    return this.#refreshOwnDevices(userId, conversationId);
  }

  async sendMessage(userId: string, input: ParsedInput<'message:send'>): Promise<SendResult> {
    // A resend of a stored message costs no rate token and is not moderated again. Looking
    // for one first costs a query per send, so it is done only where it changes the answer:
    // when a hook would moderate, or when the limit would refuse. Otherwise the insert finds
    // the resend itself, and its token is given back.
    const { beforeMessage } = this.#o.hooks;
    const decision = this.#sendLimiter.take(userId);
    if (beforeMessage || !decision.allowed) {
      const earlier = await this.#store.findMessageByClientId(
        input.conversationId,
        userId,
        input.clientId,
      );
      if (earlier) {
        if (decision.allowed) this.#sendLimiter.refund(userId);
        return { message: earlier, created: false };
      }
      if (!decision.allowed) {
        throw new ChatError('rate_limited', 'unable to send message: sending too fast', {
          retryAfterMs: decision.retryAfterMs,
        });
      }
    }
    this.checkTextLength(input.body, 'send');
    const refusal = await this.blocks.sendRefusal(input.conversationId, userId);
    // A retry of a message stored before the block still gets its ack.
    if (refusal) return this.#storedOr(userId, input, refusal);
    const mentions = input.mentions ?? [];
    const mentionIssues = await this.#mentionIssues(input.conversationId, mentions);
    if (mentionIssues.length > 0) {
      // A retry of a message stored before someone it names left still gets its ack.
      return this.#storedOr(userId, input, mentionRefusal(mentionIssues));
    }
    if (beforeMessage) {
      const conversation = await this.getConversation(userId, input.conversationId);
      const verdict = await this.#hook('beforeMessage', () =>
        beforeMessage({ userId, conversation, message: input }),
      );
      if (verdict && typeof verdict.reject === 'string') {
        throw new ChatError('rejected', `unable to send message: ${verdict.reject}`);
      }
    }
    // Uploads are claimed for this clientId before the insert and given back if it fails, so a
    // resend can use them again and no other message can (uploads/upload-service.ts).
    let uploaded: ClaimedUploads;
    try {
      uploaded = await this.uploads.claim(userId, input);
    } catch (error) {
      // A retry of a message stored, then deleted with its files, still gets its ack.
      return this.#storedOr(userId, input, error);
    }
    const result = await this.#store
      .insertMessage({
        id: crypto.randomUUID(),
        conversationId: input.conversationId,
        senderId: userId,
        clientId: input.clientId,
        kind: input.kind,
        body: input.body,
        attachments: [...input.attachments, ...uploaded.attachments],
        replyTo: input.replyTo ?? null,
        mentions: inOrder(mentions),
        now: this.#o.now(),
      })
      .catch(async (error: unknown) => {
        await uploaded.release().catch(() => {});
        throw error;
      });
    await uploaded.sent(result.message);
    // Only the first store of a clientId is news; a retry just gets its ack, and its token back.
    if (!result.created) {
      this.#sendLimiter.refund(userId);
      return result;
    }
    this.#broadcaster.toConversation(input.conversationId, 'message:new', result.message);
    this.notifyOnMessage(result.message);
    return result;
  }

  /**
   * The answer to a send refused now: the message its `clientId` already stored, if any (a
   * retry gets its ack whatever changed since, and its rate token back), or else the refusal,
   * thrown (also when the lookup fails: the refusal is what the sender needs to hear).
   */
  async #storedOr(
    userId: string,
    input: ParsedInput<'message:send'>,
    refusal: unknown,
  ): Promise<SendResult> {
    const earlier = await this.#store
      .findMessageByClientId(input.conversationId, userId, input.clientId)
      .catch(() => null);
    if (!earlier) throw refusal;
    this.#sendLimiter.refund(userId);
    return { message: earlier, created: false };
  }

  async editMessage(userId: string, input: ParsedInput<'message:edit'>): Promise<Message> {
    this.checkTextLength(input.body, 'edit');
    await this.#requireOwnMessage(userId, input.conversationId, input.messageId, 'edit');
    // The new text replaces the mentions too: ranges into the old text mean nothing in it.
    const mentions = input.mentions ?? [];
    const mentionIssues = await this.#mentionIssues(input.conversationId, mentions);
    if (mentionIssues.length > 0) throw mentionRefusal(mentionIssues, 'edit');
    const message = await this.#store.editMessage(
      input.conversationId,
      input.messageId,
      input.body,
      this.#o.now(),
      userId,
      inOrder(mentions),
    );
    this.#broadcaster.toConversation(input.conversationId, 'message:updated', forEveryone(message));
    return message;
  }

  async deleteMessage(userId: string, input: ParsedInput<'message:delete'>): Promise<Message> {
    const existing = await this.#requireOwnMessage(
      userId,
      input.conversationId,
      input.messageId,
      'delete',
      {
        allowDeleted: true,
      },
    );
    // Deleting twice is not an error: the second call answers with the deleted message.
    if (existing.deletedAt !== null) return existing;
    const message = await this.#store.deleteMessage(
      input.conversationId,
      input.messageId,
      this.#o.now(),
      userId,
    );
    this.#broadcaster.toConversation(input.conversationId, 'message:updated', forEveryone(message));
    return message;
  }

  /** Idempotent: adding a reaction the user has answers the message and tells nobody. */
  async addReaction(userId: string, input: ParsedInput<'reaction:add'>): Promise<Message> {
    const { message, changed } = await this.#store.addReaction({
      conversationId: input.conversationId,
      messageId: input.messageId,
      userId,
      emoji: input.emoji,
      now: this.#o.now(),
    });
    if (changed) this.#announceReaction(userId, input.emoji, true, message);
    return message;
  }

  /** Idempotent: removing a reaction the user does not have answers the message and tells nobody. */
  async removeReaction(userId: string, input: ParsedInput<'reaction:remove'>): Promise<Message> {
    const { message, changed } = await this.#store.removeReaction({
      conversationId: input.conversationId,
      messageId: input.messageId,
      userId,
      emoji: input.emoji,
    });
    if (changed) this.#announceReaction(userId, input.emoji, false, message);
    return message;
  }

  async listMessages(userId: string, input: ParsedInput<'message:list'>): Promise<MessagePage> {
    await this.#requireParticipant(userId, input.conversationId);
    return this.#store.listMessages(
      input.conversationId,
      {
        after: input.after,
        before: input.before,
        around: input.around,
        limit: input.limit ?? defaultPageSize,
      },
      userId,
    );
  }

  /** The change feed of a conversation: what a returning client asks for first (gap-fill). */
  async listChanges(userId: string, input: ParsedInput<'message:changes'>): Promise<ChangePage> {
    await this.#requireParticipant(userId, input.conversationId);
    return this.#store.listChanges(
      input.conversationId,
      { after: input.after, limit: input.limit ?? defaultPageSize },
      userId,
    );
  }

  async markWatermark(
    userId: string,
    watermark: Watermark,
    input: ParsedInput<'receipt:read'>,
  ): Promise<Receipt> {
    const receipt = await this.#store.advanceWatermark(
      input.conversationId,
      userId,
      watermark,
      input.seq,
    );
    if (!receipt) throw new ChatError('not_found', notParticipant);
    // The conversation room holds the other participants and this user's other devices.
    this.#broadcaster.toConversation(input.conversationId, 'receipt', receipt);
    return receipt;
  }

  /**
   * Presence of the viewer's contacts (people sharing a conversation) whom the host's
   * `canContact` lets them reach; others are left out.
   */
  async getPresence(userId: string, userIds: string[]): Promise<Presence[]> {
    const contacts = new Set(await this.#store.listContactIds(userId));
    const candidates = [...new Set(userIds)].filter((id) => id === userId || contacts.has(id));
    // Someone who blocks the viewer is left out, as a stranger is.
    const blockers = new Set(await this.blocks.blockersOf(userId, candidates));
    const wanted = candidates.filter((id) => !blockers.has(id));
    const allowed = await Promise.all(
      wanted.map((id) => id === userId || this.#mayContact(userId, id)),
    );
    const visible = wanted.filter((_, index) => allowed[index]);
    if (visible.length === 0) return [];
    const online = await this.#broadcaster.onlineUsers(visible);
    const lastSeen = await this.#store.getLastSeen(visible.filter((id) => !online.has(id)));
    return visible.map((id) => ({
      userId: id,
      online: online.has(id),
      lastSeenAt: online.has(id) ? null : (lastSeen.get(id) ?? null),
    }));
  }

  /**
   * Who hears a user's presence change: their contacts whom `canContact` lets reach them.
   * A failing hook hides the change rather than fail the connect or disconnect.
   */
  async presenceWatchers(userId: string): Promise<string[]> {
    const all = await this.#store.listContactIds(userId);
    // Those the user blocks do not hear of them.
    const blocked = await this.blocks.blockedBy(userId, all);
    const contacts = all.filter((id) => !blocked.has(id));
    if (!this.#o.hooks.canContact) return contacts;
    const allowed = await Promise.all(
      contacts.map((id) => this.#mayContact(id, userId).catch(() => false)),
    );
    return contacts.filter((_, index) => allowed[index]);
  }

  async getUsers(viewerId: string, userIds: string[]): Promise<UserProfile[]> {
    const unique = [...new Set(userIds)];
    const { getUsers } = this.#o.hooks;
    const found = getUsers
      ? await this.#hook('getUsers', () => getUsers(unique, { viewerId }))
      : [];
    const byId = new Map(
      found.filter((user) => unique.includes(user.id)).map((user) => [user.id, user]),
    );
    return unique.map((id) => byId.get(id) ?? reservedProfile(id) ?? { id, name: id });
  }

  /** Without a `searchUsers` hook, search finds nobody: the host owns its users. */
  async searchUsers(userId: string, input: ParsedInput<'user:search'>): Promise<UserProfile[]> {
    const { searchUsers } = this.#o.hooks;
    if (!searchUsers) return [];
    const limit = input.limit ?? 20;
    const found = await this.#hook('searchUsers', () =>
      searchUsers(input.query, { userId, limit }),
    );
    return found.slice(0, limit);
  }

  /** Mentions of people who are not participants, as field issues; no query when there are none. */
  async #mentionIssues(conversationId: string, mentions: Mention[]) {
    if (mentions.length === 0) return [];
    const members = new Set(await this.#store.listParticipantIds(conversationId));
    return mentionParticipantIssues(mentions, members);
  }

  async #requireParticipant(userId: string, conversationId: string) {
    const participant = await this.#store.getParticipant(conversationId, userId);
    if (!participant) throw new ChatError('not_found', notParticipant);
    return participant;
  }

  async #requireOwnerOfGroup(userId: string, conversationId: string, action: string) {
    const conversation = await this.getConversation(userId, conversationId);
    if (conversation.kind !== 'group') {
      throw new ChatError(
        'forbidden',
        `unable to ${action}: a direct conversation has exactly two participants`,
      );
    }
    const me = conversation.participants.find((p) => p.userId === userId);
    if (me?.role !== 'owner') {
      throw new ChatError('forbidden', `unable to ${action}: only an owner of the group may`);
    }
    return conversation;
  }

  /**
   * `forbidden`, naming nobody, when the creator or owner of a group may not contact one
   * of `userIds` (the host's `canContact`) or one of them blocks them: nothing is written.
   */
  async #assertMayGather(userId: string, userIds: string[], action: string) {
    const others = [...new Set(userIds)].filter((id) => id !== userId);
    if (others.length === 0) return;
    const [allowed, blockers] = await Promise.all([
      Promise.all(others.map((id) => this.#mayContact(userId, id))),
      this.blocks.blockersOf(userId, others),
    ]);
    if (allowed.includes(false) || blockers.length > 0) {
      throw mayNotContact(action, 'everyone listed');
    }
  }

  #checkGroupSize(size: number, action: string) {
    const max = this.#o.limits.maxGroupSize;
    if (size > max) {
      throw new ChatError(
        'bad_request',
        `unable to ${action}: a group holds at most ${max} people`,
        {
          issues: [
            { path: 'participantIds', message: `at most ${max} people, the creator included` },
          ],
        },
      );
    }
  }

  async #requireOwnMessage(
    userId: string,
    conversationId: string,
    messageId: string,
    action: string,
    { allowDeleted = false } = {},
  ) {
    await this.#requireParticipant(userId, conversationId);
    const message = await this.#store.getMessage(conversationId, messageId, userId);
    if (!message || (message.deletedAt !== null && !allowDeleted)) {
      throw new ChatError('not_found', `unable to ${action} message: no such message`);
    }
    if (message.senderId !== userId || message.kind === 'system') {
      throw new ChatError('forbidden', `unable to ${action} message: only its sender may`);
    }
    return message;
  }

  checkTextLength(body: string, action: string) {
    // Count code points, so an emoji is one character as a person sees it.
    const length = [...body].length;
    const max = this.#o.limits.maxTextLength;
    if (length > max) {
      throw new ChatError(
        'message_too_long',
        `unable to ${action} message: ${length} characters, the limit is ${max}`,
        {
          issues: [{ path: 'body', message: `at most ${max} characters` }],
        },
      );
    }
  }

  /** After commit, to the conversation room: the other participants and the reactor's other devices. */
  #announceReaction(userId: string, emoji: string, added: boolean, message: Message) {
    this.#broadcaster.toConversation(message.conversationId, 'message:reacted', {
      message: forEveryone(message),
      userId,
      emoji,
      added,
    });
  }

  /** Tells each member about the conversation as they see it. */
  async announce(conversationId: string, memberIds: string[]) {
    await Promise.all(
      memberIds.map(async (memberId) => {
        const view = await this.#store.getConversation(conversationId, memberId);
        if (view) this.#broadcaster.toUsers([memberId], 'conversation:updated', view);
      }),
    );
  }

  async afterRemoval(conversationId: string, userId: string, reason: 'left' | 'removed') {
    this.#broadcaster.leave([userId], conversationId);
    this.#broadcaster.toUsers([userId], 'conversation:removed', { conversationId, reason });
    await this.announce(conversationId, await this.#store.listParticipantIds(conversationId));
  }

  async #refreshOwnDevices(userId: string, conversationId: string) {
    const conversation = await this.getConversation(userId, conversationId);
    this.#broadcaster.toUsers([userId], 'conversation:updated', conversation);
    return conversation;
  }

  /** The host's `canContact`; without it, anyone may reach anyone. */
  async #mayContact(from: string, to: string): Promise<boolean> {
    const { canContact } = this.#o.hooks;
    if (!canContact) return true;
    return (await this.#hook('canContact', () => canContact({ from, to }))) === true;
  }

  #hook<T>(name: string, run: () => T | Promise<T>) {
    return callHook(name, run, this.#o.limits.hookTimeoutMs, this.#o.logger);
  }

  /**
   * After commit, off the ack path: a slow or failing hook delays nobody. The conversation is
   * read as the sender sees it, or as a member does when the sender is not one (the system, a bot).
   */
  notifyOnMessage(message: Message) {
    for (const listener of this.committedListeners) listener(message);
    const { onMessage } = this.#o.hooks;
    if (!onMessage) return;
    void (async () => {
      const { conversationId, senderId } = message;
      const conversation =
        (await this.#store.getConversation(conversationId, senderId)) ??
        (await this.getConversation(
          (await this.#store.listParticipantIds(conversationId))[0] ?? senderId,
          conversationId,
        ));
      const others = conversation.participants
        .map((p) => p.userId)
        .filter((id) => id !== message.senderId);
      const online = await this.#broadcaster.onlineUsers(others);
      const mentioned = new Set((message.mentions ?? []).map((mention) => mention.userId));
      const recipients = others.map((id) => ({
        userId: id,
        online: online.has(id),
        mentioned: mentioned.has(id),
      }));
      await this.#hook('onMessage', () => onMessage({ message, conversation, recipients }));
    })().catch(() => {
      // Already logged by the guards; a notification failure never fails a send.
    });
  }
}
