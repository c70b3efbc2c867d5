import { createHash } from 'node:crypto';
import {
  ChatError,
  type Conversation,
  type CreateConversationResult,
  idProblem,
  protocolLimits,
} from '@banter/core/protocol';
import { canonicalJson } from '../chat/group-request';
import type { ChatService } from '../chat/service';
import type { ResolvedOptions } from '../options';
import { admitHostInput, checkUserId, refusal } from './admin-input';

/** What `banter.admin.createConversation` takes. */
export interface AdminCreateConversation {
  /** `direct`: exactly two users, one conversation per pair. `group`: up to `maxGroupSize` people. */
  kind: 'direct' | 'group';
  /** Everyone in it (`createdBy` is added when missing); duplicates are ignored. */
  userIds: string[];
  /** Stored as its creator, and a group's owner. Default: the first of `userIds`. */
  createdBy?: string;
  /** A group's name, at most 200 characters once trimmed. Not for a direct conversation. */
  title?: string;
  /** The host's data (a listing, an order), a JSON object of at most 4,096 bytes. */
  metadata?: Record<string, unknown>;
  /**
   * Your key for this conversation, unique across your application ("listing-42-buyer-7"):
   * a call with a key used before returns the conversation it made (`created: false`), and
   * one with a different request under it fails with `conflict`.
   */
  idempotencyKey?: string;
}

/** What `banter.admin.updateConversation` takes: a field left out keeps its value, null clears it. */
export interface AdminUpdateConversation {
  /** The conversation to change. */
  conversationId: string;
  /** Its new title (trimmed, at most 200 characters; blank or null clears it). */
  title?: string | null;
  /** Its new host metadata, replacing the old, validated as on create; null clears it. */
  metadata?: Record<string, unknown> | null;
}

/** What `banter.admin.removeParticipant` takes. */
export interface AdminRemoveParticipant {
  /** A group. */
  conversationId: string;
  /** Anyone in it, its owner too (the longest-standing member then takes over). */
  userId: string;
}

/** The host's calls on conversations: the service's storage and events, the host's authority. */
export class AdminConversations {
  readonly #service: ChatService;
  readonly #o: ResolvedOptions;

  constructor(service: ChatService, options: ResolvedOptions) {
    this.#service = service;
    this.#o = options;
  }

  async create(input: AdminCreateConversation): Promise<CreateConversationResult> {
    const action = 'create conversation';
    const request = this.#admitCreate(input, action);
    const { id, created } = await this.#service.storage.createHostConversation({
      id: crypto.randomUUID(),
      ...request,
      now: this.#o.now(),
    });
    const conversation = await this.#viewOf(id, request.createdBy);
    if (created) {
      const members = conversation.participants.map((p) => p.userId);
      this.#service.broadcaster.join(members, id);
      await this.#service.announce(id, members);
    }
    return { conversation, created };
  }

  async update(input: AdminUpdateConversation): Promise<void> {
    const action = 'update conversation';
    const conversationId = checkId(input?.conversationId, 'conversationId', action);
    // The create's rules, so an update cannot store what a create could not.
    const parsed = admitHostInput(
      this.#o,
      'conversation:create',
      {
        kind: 'group',
        participantIds: [],
        title: input.title ?? undefined,
        metadata: input.metadata ?? undefined,
      },
      action,
    );
    if (parsed.kind !== 'group') throw new Error('expected a group request');
    const changes: { title?: string | null; metadata?: Record<string, unknown> | null } = {};
    if (input.title !== undefined) changes.title = parsed.title || null;
    if (input.metadata !== undefined) changes.metadata = parsed.metadata ?? null;
    if (!(await this.#service.storage.updateConversation(conversationId, changes))) {
      throw new ChatError('not_found', `unable to ${action}: no such conversation`);
    }
    const members = await this.#service.storage.listParticipantIds(conversationId);
    await this.#service.announce(conversationId, members);
  }

  async removeParticipant(input: AdminRemoveParticipant): Promise<void> {
    const action = 'remove participant';
    const conversationId = checkId(input?.conversationId, 'conversationId', action);
    const userId = checkUserId(input.userId, 'userId', action);
    const conversation = await this.#service.storage.getConversation(conversationId, userId);
    if (!conversation) {
      throw new ChatError(
        'not_found',
        `unable to ${action}: no such conversation, or the user is not in it`,
      );
    }
    if (conversation.kind !== 'group') {
      throw refusal('bad_request', action, [
        { path: 'conversationId', message: 'a direct conversation keeps its two participants' },
      ]);
    }
    if (!(await this.#service.storage.removeParticipant(conversationId, userId))) {
      throw new ChatError('not_found', `unable to ${action}: the user is not in it`);
    }
    await this.#service.afterRemoval(conversationId, userId, 'removed');
  }

  /** The validated request, in the store's terms, with its hash for the idempotency key. */
  #admitCreate(input: AdminCreateConversation, action: string) {
    if (input?.kind !== 'direct' && input?.kind !== 'group') {
      throw refusal('bad_request', action, [
        { path: 'kind', message: 'must be "direct" or "group"' },
      ]);
    }
    if (!Array.isArray(input.userIds) || input.userIds.length === 0) {
      throw refusal('bad_request', action, [
        { path: 'userIds', message: 'must be a non-empty array of user ids' },
      ]);
    }
    const listed = input.userIds.map((id, i) => checkUserId(id, `userIds.${i}`, action));
    const createdBy =
      input.createdBy === undefined
        ? (listed[0] as string)
        : checkUserId(input.createdBy, 'createdBy', action);
    const userIds = [...new Set([createdBy, ...listed])];
    const key = input.idempotencyKey;
    if (key !== undefined) {
      const problem =
        typeof key === 'string'
          ? idProblem(key, protocolLimits.idempotencyKeyLength)
          : 'must be a string';
      if (problem)
        throw refusal('bad_request', action, [{ path: 'idempotencyKey', message: problem }]);
    }
    let title: string | null = null;
    let metadata: Record<string, unknown> | null;
    if (input.kind === 'direct') {
      if (userIds.length !== 2) {
        throw refusal('bad_request', action, [
          { path: 'userIds', message: 'a direct conversation is between exactly two users' },
        ]);
      }
      if (input.title !== undefined) {
        throw refusal('bad_request', action, [
          { path: 'title', message: 'a direct conversation has no title' },
        ]);
      }
      const parsed = admitHostInput(
        this.#o,
        'conversation:create',
        { kind: 'direct', userId: userIds[1], metadata: input.metadata },
        action,
      );
      metadata = parsed.metadata ?? null;
    } else {
      const parsed = admitHostInput(
        this.#o,
        'conversation:create',
        { kind: 'group', participantIds: listed, title: input.title, metadata: input.metadata },
        action,
        { participantIds: 'userIds' },
      );
      if (parsed.kind !== 'group') throw new Error('expected a group request');
      const max = this.#o.limits.maxGroupSize;
      if (userIds.length > max) {
        throw refusal('bad_request', action, [
          { path: 'userIds', message: `a group holds at most ${max} people` },
        ]);
      }
      title = parsed.title || null;
      metadata = parsed.metadata ?? null;
    }
    const requestHash = createHash('sha256')
      .update(
        canonicalJson({
          kind: input.kind,
          userIds: [...userIds].sort(),
          createdBy,
          title,
          metadata,
        }),
      )
      .digest('hex');
    return {
      kind: input.kind,
      userIds,
      createdBy,
      title,
      metadata,
      idempotency: key === undefined ? null : { key, requestHash },
    };
  }

  /** The conversation as its creator sees it, or as a member does once the creator is gone. */
  async #viewOf(conversationId: string, preferred: string): Promise<Conversation> {
    const store = this.#service.storage;
    const view =
      (await store.getConversation(conversationId, preferred)) ??
      (await store.getConversation(
        conversationId,
        (await store.listParticipantIds(conversationId))[0] ?? preferred,
      ));
    if (!view) throw new ChatError('not_found', 'conversation not found');
    return view;
  }
}

/** An id of a conversation or message the host names, checked as in a payload. */
export function checkId(value: unknown, path: string, action: string): string {
  const problem = typeof value === 'string' ? idProblem(value) : 'must be a string';
  if (problem !== null) throw refusal('bad_request', action, [{ path, message: problem }]);
  return value as string;
}
