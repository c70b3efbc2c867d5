import type { BackoffOptions } from '../connection/backoff';
import { backoffDelay } from '../connection/backoff';
import {
  ChatError,
  type ErrorPayload,
  isRetryable,
  type Message,
  type SendResult,
} from '../protocol';
import type { Action } from '../store/actions';
import type { PendingAction, PendingBlockChange, PendingMessage } from '../store/state';
import type { Store } from '../store/store';
import type { PendingUpload } from '../uploads/pending-upload';
import { contentsOf, type OutboxStorage } from './outbox-storage';

/** An action whose message the server holds: one made on an own send waits for its ack. */
export type ReadyAction = PendingAction & { messageId: string };

const isReady = (action: PendingAction): action is ReadyAction =>
  action.status === 'sending' && action.messageId !== null;

/** The queue of block changes, beside the per-conversation ones (no conversation id looks like it). */
const blocksLane = '\u0000blocks';

export interface OutboxOptions {
  store: Store;
  storage: OutboxStorage;
  /** Sends one message (with the ids of its uploaded files) over whatever transport is up; rejects with a ChatError. */
  send(message: PendingMessage, uploadIds: string[]): Promise<SendResult>;
  /** Applies one action on a message; answers the message as the viewer sees it now. */
  act(action: ReadyAction): Promise<Message>;
  /** Blocks or unblocks a user; answers what the server now holds. */
  block(change: PendingBlockChange): Promise<{ userId: string; blocked: boolean }>;
  /** Whether any transport may be tried now. */
  canSend(): boolean;
  /**
   * Why the server turned this user away for good (`banned`), if it has:
   * sends and actions then fail with it instead of waiting for ever.
   */
  refusal?(): ErrorPayload | null;
  backoff: BackoffOptions;
  random?: () => number;
  onError(error: unknown): void;
  /** Told of each stored copy the server acknowledged, before it replaces the pending one. */
  onAcknowledged?(message: Message): void;
  /** The upload step of sends with files; without it such a send fails (`uploads_disabled`). */
  uploads?: OutboxUploads;
}

/** How the outbox uploads a send's files before the send itself (see uploads/upload-step.ts). */
export interface OutboxUploads {
  /** Uploads what is not complete yet, reporting each change; answers the upload ids in order. */
  upload(
    message: PendingMessage,
    onChange: (clientId: string, uploads: PendingUpload[]) => void,
    active: () => boolean,
  ): Promise<string[]>;
  /** The send was stored or dropped: its files' bytes are no longer needed here. */
  release(message: PendingMessage, { cancelled }: { cancelled: boolean }): void;
}

/**
 * Every own message and every action on a message (edit, delete, reaction)
 * goes through here, in order per conversation (sends first), until the
 * server acknowledges it. The outbox owns retries: a send that times out or
 * meets a dropped link is sent again with the same clientId, which the server
 * turns into the stored copy, never a second message; actions are idempotent
 * on the server, so a retry changes nothing twice. What the server refuses
 * for good is marked failed and the next one goes ahead. Blocks and unblocks
 * have a queue of their own, in the order they were made.
 */
export class Outbox {
  readonly #o: OutboxOptions;
  readonly #running = new Set<string>();
  readonly #retryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #attempts = new Map<string, number>();
  #persisting: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: OutboxOptions) {
    this.#o = options;
  }

  /** Puts back what a previous session left unsent, then sends it when it can. */
  async restore() {
    const { store, storage } = this.#o;
    const userId = store.getSnapshot().userId;
    const saved = contentsOf(await storage.load(userId));
    for (const message of saved.messages) {
      if (message.senderId !== userId) continue;
      store.dispatch({ type: 'queued', message });
    }
    for (const action of saved.actions) store.dispatch({ type: 'actionQueued', action });
    for (const change of saved.blocks ?? []) store.dispatch({ type: 'blockQueued', change });
    this.kick();
  }

  enqueue(message: PendingMessage) {
    this.#o.store.dispatch({ type: 'queued', message });
    this.#persist();
    this.kick(message.conversationId);
  }

  enqueueAction(action: PendingAction) {
    this.#o.store.dispatch({ type: 'actionQueued', action });
    this.#persist();
    this.kick(action.conversationId);
  }

  /** Queues a block or unblock; changes go out one at a time, in the order they were made. */
  enqueueBlock(change: PendingBlockChange) {
    this.#o.store.dispatch({ type: 'blockQueued', change });
    this.#persist();
    this.kick(blocksLane);
  }

  retry(clientId: string) {
    this.#retryFailed(this.#find(clientId), clientId, { type: 'sendRetried', clientId });
  }

  /**
   * Drops a failed send; a send with files may also be dropped while its
   * files are still uploading (cancel): it is then never sent.
   */
  discard(clientId: string) {
    const message = this.#find(clientId);
    const uploading = message?.uploads?.some((u) => u.status !== 'complete') ?? false;
    if (message && uploading && message.status === 'sending') {
      this.#o.store.dispatch({ type: 'sendDiscarded', clientId });
      this.#persist();
    } else this.#discardFailed(message, { type: 'sendDiscarded', clientId });
    if (message && !this.#find(clientId)) this.#o.uploads?.release(message, { cancelled: true });
  }

  retryAction(id: string) {
    this.#retryFailed(this.#findAction(id), id, { type: 'actionRetried', id });
  }

  discardAction(id: string) {
    this.#discardFailed(this.#findAction(id), { type: 'actionDiscarded', id });
  }

  /**
   * Starts sending where there is something to send. `now` cuts waiting
   * retries short: the transport just came back.
   */
  kick(conversationId?: string, { now = false } = {}) {
    if (this.#closed) return;
    const refusal = this.#o.refusal?.() ?? null;
    if (refusal?.code === 'banned') {
      this.#failAll(refusal);
      return;
    }
    const { timelines, blocks } = this.#o.store.getSnapshot();
    const ids = conversationId ? [conversationId] : [...Object.keys(timelines), blocksLane];
    for (const id of ids) {
      const timeline = timelines[id];
      const waiting =
        id === blocksLane
          ? blocks.pending.length > 0
          : timeline?.pending.some((p) => p.status === 'sending') ||
            timeline?.actions.some(isReady);
      if (!waiting) continue;
      const timer = this.#retryTimers.get(id);
      if (timer !== undefined) {
        if (!now) continue;
        clearTimeout(timer);
        this.#retryTimers.delete(id);
      }
      void this.#drain(id);
    }
  }

  /** Resolves once every queued write to storage has finished. */
  flushed(): Promise<void> {
    return this.#persisting;
  }

  close() {
    this.#closed = true;
    for (const timer of this.#retryTimers.values()) clearTimeout(timer);
    this.#retryTimers.clear();
  }

  /**
   * The user is banned: what waits to be sent is marked failed with the
   * server's reason, so it is shown (and kept in storage) rather than left
   * `sending` for ever or dropped; Retry works again after an unban. Block
   * changes stay queued (shown as made) until the client is closed.
   */
  #failAll(error: ErrorPayload) {
    const { store } = this.#o;
    let changed = false;
    for (const timeline of Object.values(store.getSnapshot().timelines)) {
      for (const p of timeline.pending) {
        if (p.status !== 'sending') continue;
        store.dispatch({ type: 'sendFailed', clientId: p.clientId, error });
        changed = true;
      }
      for (const a of timeline.actions) {
        if (!isReady(a)) continue;
        store.dispatch({ type: 'actionFailed', id: a.id, error });
        changed = true;
      }
    }
    if (changed) this.#persist();
  }

  async #drain(conversationId: string) {
    if (this.#running.has(conversationId)) return;
    this.#running.add(conversationId);
    try {
      for (;;) {
        if (this.#closed || !this.#o.canSend()) return;
        if (conversationId === blocksLane) {
          const change = this.#o.store.getSnapshot().blocks.pending[0];
          if (!change || (await this.#blockOne(change)) === 'wait') return;
          continue;
        }
        const timeline = this.#o.store.getSnapshot().timelines[conversationId];
        // Sends first: an action only ever names a message the server already has. One made on
        // a send that failed for good waits for its retry (or goes with its discard).
        const head = timeline?.pending.find((p) => p.status === 'sending');
        const action = head ? undefined : timeline?.actions.find(isReady);
        if (!head && !action) return;
        const outcome = head
          ? await this.#sendOne(head)
          : await this.#actOne(action as ReadyAction);
        if (outcome === 'wait') return;
      }
    } finally {
      this.#running.delete(conversationId);
    }
  }

  #sendOne(message: PendingMessage): Promise<'next' | 'wait'> {
    return this.#deliver(
      message.clientId,
      message.conversationId,
      async () => {
        // Without files, nothing to wait for: the send goes in this same turn.
        const uploadIds = message.uploads?.length ? await this.#uploadFiles(message) : [];
        // Cancelled while its files were uploading: never sent (the discard is already applied).
        if (uploadIds === null || !this.#find(message.clientId)) {
          return { type: 'sendDiscarded', clientId: message.clientId };
        }
        const result = await this.#o.send(message, uploadIds);
        if (message.uploads?.length) this.#o.uploads?.release(message, { cancelled: false });
        this.#o.onAcknowledged?.(result.message);
        // The stored copy replaces the pending one (matched by clientId).
        return { type: 'received', message: result.message };
      },
      (error) => ({ type: 'sendFailed', clientId: message.clientId, error }),
    );
  }

  /** The upload step: the ids of the message's files, uploaded before the send; null once cancelled. */
  async #uploadFiles(message: PendingMessage): Promise<string[] | null> {
    if (!message.uploads?.length) return [];
    if (!this.#o.uploads)
      throw new ChatError('uploads_disabled', 'this client cannot upload files');
    let lastStatuses = message.uploads.map((u) => u.status).join();
    const active = () => this.#find(message.clientId) !== undefined;
    return this.#o.uploads
      .upload(
        message,
        (clientId, uploads) => {
          if (!this.#find(clientId)) return;
          this.#o.store.dispatch({ type: 'uploadsChanged', clientId, uploads });
          // Persist when a file gets its id or completes (not on every percent), so a reload resumes there.
          const statuses = uploads.map((u) => `${u.status}${u.uploadId}`).join();
          if (statuses !== lastStatuses) this.#persist();
          lastStatuses = statuses;
        },
        active,
      )
      .catch((error: unknown) => {
        if (!active()) return null;
        throw error;
      });
  }

  #actOne(action: ReadyAction): Promise<'next' | 'wait'> {
    return this.#deliver(
      action.id,
      action.conversationId,
      async () => ({
        type: 'actionAcknowledged',
        id: action.id,
        message: await this.#o.act(action),
      }),
      (error) => ({ type: 'actionFailed', id: action.id, error }),
    );
  }

  #blockOne(change: PendingBlockChange): Promise<'next' | 'wait'> {
    return this.#deliver(
      change.id,
      blocksLane,
      async () => ({ type: 'blockAcknowledged', id: change.id, ...(await this.#o.block(change)) }),
      (error) => {
        // Nothing on screen stays failed for a block: the list goes back to the server's and the
        // application hears why (an unknown user, say).
        this.#o.onError(ChatError.fromPayload(error));
        return { type: 'blockFailed', id: change.id, error };
      },
    );
  }

  /**
   * One attempt at a send or an action: its answer lands in state; a refusal
   * for good marks it failed and lets the next one go; anything retryable
   * waits for the backoff, the head of its conversation's queue still.
   */
  async #deliver(
    key: string,
    conversationId: string,
    attempt: () => Promise<Action>,
    failed: (error: ErrorPayload) => Action,
  ): Promise<'next' | 'wait'> {
    try {
      const answered = await attempt();
      this.#attempts.delete(key);
      this.#o.store.dispatch(answered);
      this.#persist();
      return 'next';
    } catch (error) {
      const chatError = ChatError.from(error);
      if (chatError.code === 'closed' || this.#closed) return 'wait';
      if (!isRetryable(chatError.code)) {
        this.#o.store.dispatch(failed(chatError.toPayload()));
        this.#persist();
        return 'next';
      }
      this.#retryLater(conversationId, key, chatError);
      return 'wait';
    }
  }

  #retryLater(conversationId: string, key: string, error: ChatError) {
    const attempt = this.#attempts.get(key) ?? 0;
    this.#attempts.set(key, attempt + 1);
    const delay = error.retryAfterMs ?? backoffDelay(attempt, this.#o.backoff, this.#o.random);
    const timer = setTimeout(() => {
      this.#retryTimers.delete(conversationId);
      void this.#drain(conversationId);
    }, delay);
    this.#retryTimers.set(conversationId, timer);
  }

  /** Only what failed for good can be retried or dropped: the rest is still on its way. */
  #retryFailed(item: PendingMessage | PendingAction | undefined, key: string, retried: Action) {
    if (item?.status !== 'failed') return;
    this.#attempts.delete(key);
    this.#o.store.dispatch(retried);
    this.#persist();
    this.kick(item.conversationId);
  }

  #discardFailed(item: PendingMessage | PendingAction | undefined, discarded: Action) {
    if (item?.status !== 'failed') return;
    this.#o.store.dispatch(discarded);
    this.#persist();
  }

  #findAction(id: string): PendingAction | undefined {
    for (const timeline of Object.values(this.#o.store.getSnapshot().timelines)) {
      const found = timeline.actions.find((a) => a.id === id);
      if (found) return found;
    }
    return undefined;
  }

  #find(clientId: string): PendingMessage | undefined {
    for (const timeline of Object.values(this.#o.store.getSnapshot().timelines)) {
      const found = timeline.pending.find((p) => p.clientId === clientId);
      if (found) return found;
    }
    return undefined;
  }

  /** Writes every unsent message and action, in order, after any write already under way. */
  #persist() {
    const state = this.#o.store.getSnapshot();
    const timelines = Object.values(state.timelines);
    const pending = timelines.flatMap((t) => t.pending);
    const actions = timelines.flatMap((t) => t.actions);
    const blocks = state.blocks.pending;
    this.#persisting = this.#persisting
      .then(() => this.#o.storage.save(state.userId, pending, actions, blocks))
      .catch((error: unknown) => this.#o.onError(error));
  }
}
