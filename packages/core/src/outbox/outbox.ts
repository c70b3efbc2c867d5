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
import type { PendingAction, PendingMessage } from '../store/state';
import type { Store } from '../store/store';
import { contentsOf, type OutboxStorage } from './outbox-storage';

/** An action whose message the server holds: one made on an own send waits for its ack. */
export type ReadyAction = PendingAction & { messageId: string };

const isReady = (action: PendingAction): action is ReadyAction =>
  action.status === 'sending' && action.messageId !== null;

export interface OutboxOptions {
  store: Store;
  storage: OutboxStorage;
  /** Sends one message over whatever transport is up; rejects with a ChatError. */
  send(message: PendingMessage): Promise<SendResult>;
  /** Applies one action on a message; answers the message as the viewer sees it now. */
  act(action: ReadyAction): Promise<Message>;
  /** Whether any transport may be tried now. */
  canSend(): boolean;
  backoff: BackoffOptions;
  random?: () => number;
  onError(error: unknown): void;
  /** Told of each stored copy the server acknowledged, before it replaces the pending one. */
  onAcknowledged?(message: Message): void;
}

/**
 * Every own message and every action on a message (edit, delete, reaction)
 * goes through here, in order per conversation (sends first), until the
 * server acknowledges it. The outbox owns retries: a send that times out or
 * meets a dropped link is sent again with the same clientId, which the server
 * turns into the stored copy, never a second message; actions are idempotent
 * on the server, so a retry changes nothing twice. What the server refuses
 * for good is marked failed and the next one goes ahead.
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

  retry(clientId: string) {
    this.#retryFailed(this.#find(clientId), clientId, { type: 'sendRetried', clientId });
  }

  discard(clientId: string) {
    this.#discardFailed(this.#find(clientId), { type: 'sendDiscarded', clientId });
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
    const timelines = this.#o.store.getSnapshot().timelines;
    const ids = conversationId ? [conversationId] : Object.keys(timelines);
    for (const id of ids) {
      const timeline = timelines[id];
      const waiting =
        timeline?.pending.some((p) => p.status === 'sending') || timeline?.actions.some(isReady);
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

  async #drain(conversationId: string) {
    if (this.#running.has(conversationId)) return;
    this.#running.add(conversationId);
    try {
      for (;;) {
        if (this.#closed || !this.#o.canSend()) return;
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
        const result = await this.#o.send(message);
        this.#o.onAcknowledged?.(result.message);
        // The stored copy replaces the pending one (matched by clientId).
        return { type: 'received', message: result.message };
      },
      (error) => ({ type: 'sendFailed', clientId: message.clientId, error }),
    );
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
    this.#persisting = this.#persisting
      .then(() => this.#o.storage.save(state.userId, pending, actions))
      .catch((error: unknown) => this.#o.onError(error));
  }
}
