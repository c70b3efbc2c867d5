import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { SqlAccess } from '../storage/sql-access';
import { type PostResult, type WebhookPoster, webhookPoster } from './post-webhook';
import { retryDelayMs } from './retry-policy';
import type { ResolvedWebhookOptions } from './webhook-options';
import { type ClaimedStream, type PendingEvent, WebhookStore } from './webhook-store';

/** What `replayWebhooks` takes. */
export interface ReplayWebhooksOptions {
  /** The first event to send again (an `id` a receiver saw); later ones follow. */
  fromEventId: string;
}

/** How often old events are deleted, counted in polls. */
const pruneEveryPolls = 60;
/** A wake-up waits this long, so that a burst of writes is picked up by one poll. */
const wakeDelayMs = 10;

/**
 * Delivers the event rows the triggers write, from any number of nodes sharing one database.
 *
 * Each poll claims due conversations (`WebhookStore.claim`), up to the free delivery slots,
 * and delivers each one's pending events one at a time, in id order: the next is sent only
 * after the receiver acknowledged the previous one. A failed attempt stops that conversation
 * until its retry is due; other conversations go on. The lease a claim takes outlasts the
 * requests of a round (a round stops before a request could outlive it), so a conversation
 * is never sent by two nodes at once, and a killed node's conversations are taken over when
 * its leases run out. Everything is in the database: a restart resumes where it stopped.
 */
export class WebhookDispatcher {
  readonly #store: WebhookStore;
  readonly #options: ResolvedWebhookOptions;
  readonly #logger: Logger;
  readonly #poster: WebhookPoster;
  readonly #nodeId = randomUUID();
  readonly #rounds = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  #claims = 0;
  #polls = 0;
  #polling: Promise<void> | null = null;
  #pollAgain = false;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(sql: SqlAccess, options: ResolvedWebhookOptions, logger: Logger) {
    this.#store = new WebhookStore(sql);
    this.#options = options;
    this.#logger = logger;
    this.#poster = webhookPoster({
      url: options.url,
      secrets: options.secrets,
      timeoutMs: options.requestTimeoutMs,
      maxSockets: options.concurrency,
      now: Date.now,
    });
  }

  /** Installs the triggers (from then on every change records an event) and starts polling. */
  async start(): Promise<void> {
    await this.#store.installTriggers();
    this.#schedule(0);
  }

  /** Polls soon: called after this node wrote something, so its events leave without waiting for the interval. */
  wake(): void {
    if (this.#closed) return;
    if (this.#polling) {
      this.#pollAgain = true;
      return;
    }
    this.#schedule(wakeDelayMs);
  }

  /** Marks every event from `fromEventId` on for delivery again; returns how many there are. */
  async replay(options: ReplayWebhooksOptions): Promise<number> {
    if (!/^\d{1,19}$/.test(options.fromEventId)) {
      throw new TypeError('fromEventId must be an event id (a decimal integer)');
    }
    const count = await this.#store.replay(options.fromEventId);
    this.wake();
    return count;
  }

  /** Stops polling, lets the requests in flight end (unanswered ones are tried again later), releases what it holds. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#abort.abort();
    await this.#polling;
    await Promise.all([...this.#rounds]);
    this.#poster.close();
  }

  #schedule(delayMs: number) {
    if (this.#closed) return;
    if (this.#timer) {
      // An earlier poll is already due sooner.
      if (delayMs >= this.#options.pollIntervalMs) return;
      clearTimeout(this.#timer);
    }
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#polling = this.#poll().finally(() => {
        this.#polling = null;
        const again = this.#pollAgain;
        this.#pollAgain = false;
        this.#schedule(again ? 0 : this.#options.pollIntervalMs);
      });
    }, delayMs);
    this.#timer.unref();
  }

  async #poll() {
    try {
      this.#polls += 1;
      if (this.#polls % pruneEveryPolls === 0) await this.#store.prune(this.#options.retentionMs);
      const free = this.#options.concurrency - this.#rounds.size;
      if (free <= 0 || this.#closed) return;
      const claimedAt = performance.now();
      this.#claims += 1;
      const owner = `${this.#nodeId}:${this.#claims}`;
      const streams = await this.#store.claim(owner, free, this.#options.leaseMs);
      if (streams.length === 0) return;
      const events = await this.#store.pendingEvents(
        streams.map((stream) => stream.conversationId),
        this.#options.batchSize,
      );
      for (const stream of streams) {
        const own = events.filter((event) => event.conversationId === stream.conversationId);
        const round = this.#deliver(stream, own, claimedAt).finally(() => {
          this.#rounds.delete(round);
          // A full batch means more may wait; a freed slot may take another conversation.
          this.wake();
        });
        this.#rounds.add(round);
      }
    } catch (error) {
      this.#logger.warn('unable to poll webhook events; trying again at the next interval', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Sends one conversation's events in order, stopping at the first failure, then records the round. */
  async #deliver(stream: ClaimedStream, events: PendingEvent[], claimedAt: number) {
    const delivered: string[] = [];
    let failure: { event: PendingEvent; result: PostResult & { ok: false } } | null = null;
    for (const event of events) {
      // Only requests that end before the lease does: after it, another node may take over.
      const leaseLeft = this.#options.leaseMs - (performance.now() - claimedAt);
      if (this.#closed || leaseLeft < this.#options.requestTimeoutMs * 2) break;
      const result = await this.#poster.post(event, this.#abort.signal);
      if (!result.ok) {
        if (!this.#closed) failure = { event, result };
        break;
      }
      delivered.push(event.id);
    }
    try {
      await this.#store.finish(stream, this.#outcome(stream, delivered, failure));
    } catch (error) {
      // The lease runs out on its own: the events are sent again (at least once, never lost).
      this.#logger.warn('unable to record webhook deliveries; they will be sent again', {
        conversationId: stream.conversationId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  #outcome(
    stream: ClaimedStream,
    delivered: string[],
    failure: { event: PendingEvent; result: PostResult & { ok: false } } | null,
  ) {
    if (!failure) return { delivered, givenUp: null, attempts: 0, retryInMs: 0, error: null };
    const { event, result } = failure;
    // A round that delivered something starts the head event's count afresh.
    const attempts = (delivered.length > 0 ? 0 : stream.attempts) + 1;
    const failingForMs = delivered.length > 0 ? null : stream.failingForMs;
    const retry = this.#options.retry;
    if (failingForMs !== null && failingForMs >= retry.giveUpAfterMs) {
      this.#logger.error('webhook event given up: the receiver did not accept it in time', {
        eventId: event.id,
        conversationId: event.conversationId,
        attempts,
        error: result.error,
      });
      return { delivered, givenUp: event.id, attempts: 0, retryInMs: 0, error: result.error };
    }
    if (attempts === 1) {
      this.#logger.warn('webhook delivery failed; retrying with backoff', {
        eventId: event.id,
        conversationId: event.conversationId,
        error: result.error,
      });
    }
    return {
      delivered,
      givenUp: null,
      attempts,
      retryInMs: retryDelayMs(retry, attempts),
      error: result.error,
    };
  }
}
