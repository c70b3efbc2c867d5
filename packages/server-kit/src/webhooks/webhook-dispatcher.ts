import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { SqlAccess } from '../storage/sql-access';
import { packRequests, type WebhookRequest } from './pack-requests';
import { type WebhookPoster, webhookPoster } from './post-webhook';
import { retryDelayMs } from './retry-policy';
import type { ResolvedWebhookOptions } from './webhook-options';
import { type ClaimedStream, type StreamOutcome, WebhookStore } from './webhook-store';

/** What `replayWebhooks` takes. */
export interface ReplayWebhooksOptions {
  /** The first event to send again (an `id` a receiver saw); later ones follow. */
  fromEventId: string;
}

/** How often old events, and the stream rows of idle conversations, are deleted. */
const pruneEveryMs = 60_000;
/** A wake-up waits this long, so that a burst of writes is picked up by one poll. */
const wakeDelayMs = 10;
/** Conversations claimed per free request slot. */
const conversationsPerSlot = 25;

/**
 * Delivers the event rows the triggers write, from any number of nodes sharing one database.
 *
 * Each poll claims due conversations with their oldest pending events (`WebhookStore.claim`),
 * packs them into requests (`packRequests`) and sends up to `concurrency` requests at once.
 * A conversation's next events are claimed only after its request was acknowledged, so they
 * reach the receiver in order; a failed request makes each of its conversations wait for its
 * retry, while other conversations go on. The lease a claim takes outlasts its request (a
 * request that could outlive it is not sent), so a conversation is never sent by two nodes at
 * once, and a killed node's conversations are taken over when its leases run out. Everything
 * is in the database: a restart resumes where it stopped.
 */
export class WebhookDispatcher {
  readonly #store: WebhookStore;
  readonly #options: ResolvedWebhookOptions;
  readonly #logger: Logger;
  readonly #poster: WebhookPoster;
  readonly #nodeId = randomUUID();
  readonly #abort = new AbortController();
  /** Requests packed and waiting for a free slot, with when their claim was made. */
  #queue: { request: WebhookRequest; claimedAt: number }[] = [];
  readonly #sending = new Set<Promise<void>>();
  #claims = 0;
  #prunedAt = performance.now();
  #polledAt = Number.NEGATIVE_INFINITY;
  #dueAt = Number.POSITIVE_INFINITY;
  #polling: Promise<void> | null = null;
  #pollAgain = false;
  /** The last claim left events behind (a full batch, or every conversation it could take). */
  #backlog = false;
  /** The last claim found events: writes are coming in, and polls keep `busyPollIntervalMs` apart. */
  #busy = false;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  /** Requests that ended and wait to be recorded: all that end in one turn go in one statement. */
  #finished: { stream: ClaimedStream; outcome: StreamOutcome; done(): void }[] = [];

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

  /**
   * Polls soon: called after this node wrote something, so that after a quiet spell its events
   * leave at once; while writes keep coming, at the busy interval (below).
   */
  wake(): void {
    if (this.#closed) return;
    if (this.#polling) {
      this.#pollAgain = true;
      return;
    }
    // While writes keep coming (the last claim found events), polls keep `busyPollIntervalMs`
    // apart however many writes wake it: part of what a poll costs PostgreSQL is per
    // conversation it claims (its lease taken, then released with the mark moved: about 30 µs),
    // whether it carries one event or ten, so fewer, fuller polls spend less per event; the price
    // is latency under load (docs/benchmarks.md). After a quiet spell, or with a backlog, only
    // the wake-up delay: a lone write leaves at once, a busy conversation is not held to one
    // batch per gap.
    const { busyPollIntervalMs, pollIntervalMs } = this.#options;
    const gap = this.#busy && !this.#backlog ? Math.min(busyPollIntervalMs, pollIntervalMs) : 0;
    this.#schedule(Math.max(wakeDelayMs, this.#polledAt + gap - performance.now()));
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
    // Requests never sent: their conversations are released as they are, nothing counted.
    const unsent = this.#queue.splice(0);
    await Promise.all([
      ...this.#sending,
      ...unsent.map(({ request }) => this.#record(request, [], null)),
    ]);
    this.#poster.close();
  }

  #schedule(delayMs: number) {
    if (this.#closed) return;
    const dueAt = performance.now() + delayMs;
    if (this.#timer) {
      // A poll already due sooner stays as it is.
      if (this.#dueAt <= dueAt) return;
      clearTimeout(this.#timer);
    }
    this.#dueAt = dueAt;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#polledAt = performance.now();
      this.#polling = this.#poll().finally(() => {
        this.#polling = null;
        const again = this.#pollAgain;
        this.#pollAgain = false;
        if (again) this.wake();
        else this.#schedule(this.#options.pollIntervalMs);
      });
    }, delayMs);
    this.#timer.unref();
  }

  async #poll() {
    try {
      if (performance.now() - this.#prunedAt >= pruneEveryMs) {
        this.#prunedAt = performance.now();
        await this.#store.prune(this.#options.retentionMs);
      }
      const free = this.#options.concurrency - this.#sending.size;
      // Claim only what can be sent now: a claim held in a queue keeps others from it.
      if (free <= 0 || this.#queue.length > 0 || this.#closed) return;
      const claimedAt = performance.now();
      this.#claims += 1;
      const limit = free * conversationsPerSlot;
      const claims = await this.#store.claim(
        `${this.#nodeId}:${this.#claims}`,
        limit,
        this.#options.leaseMs,
        this.#options.batchSize,
      );
      // A claimed conversation can come with no events (delivered meanwhile): that is no write.
      this.#busy = claims.some((claim) => claim.events.length > 0);
      this.#backlog =
        claims.length >= limit ||
        claims.some((claim) => claim.events.length >= this.#options.batchSize);
      for (const request of packRequests(claims, this.#options.maxEventsPerRequest)) {
        this.#queue.push({ request, claimedAt });
      }
      this.#pump();
    } catch (error) {
      this.#logger.warn('unable to poll webhook events; trying again at the next interval', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Starts queued requests while slots are free. */
  #pump() {
    while (this.#sending.size < this.#options.concurrency) {
      const next = this.#queue.shift();
      if (!next) return;
      const sending = this.#send(next.request, next.claimedAt).finally(() => {
        this.#sending.delete(sending);
        this.#pump();
        // More may wait in these conversations, or elsewhere for the freed slot.
        this.wake();
      });
      this.#sending.add(sending);
    }
  }

  async #send(request: WebhookRequest, claimedAt: number) {
    // Only a request that ends before the lease does: after it, another node may take over.
    const leaseLeft = this.#options.leaseMs - (performance.now() - claimedAt);
    if (this.#closed || leaseLeft < this.#options.requestTimeoutMs * 2 || !request.events.length) {
      return this.#record(request, [], null);
    }
    const result = await this.#poster.post(request.events, this.#abort.signal);
    if (result.ok) {
      return this.#record(
        request,
        request.events.map((event) => event.id),
        null,
      );
    }
    // Closing aborts what is in flight: that is no failure of the receiver's.
    return this.#record(request, [], this.#closed ? null : result.error);
  }

  /** Queues the request's outcome for each of its conversations; resolves once recorded. */
  #record(request: WebhookRequest, delivered: string[], error: string | null) {
    const recorded = request.streams.map(
      (stream) =>
        new Promise<void>((done) => {
          const own = request.events.filter(
            (event) => event.conversationId === stream.conversationId,
          );
          const outcome: StreamOutcome =
            error === null
              ? {
                  delivered: own.map((event) => event.id).filter((id) => delivered.includes(id)),
                  givenUp: null,
                  // A success clears the failure count; a request never sent leaves it as it was.
                  attempts: delivered.length > 0 ? 0 : stream.attempts,
                  retryInMs: 0,
                  error: null,
                }
              : this.#failed(stream, own[0]?.id ?? null, error);
          this.#finished.push({ stream, outcome, done });
          if (this.#finished.length === 1) setImmediate(() => void this.#flush());
        }),
    );
    return Promise.all(recorded).then(() => {});
  }

  async #flush() {
    const rounds = this.#finished;
    this.#finished = [];
    try {
      await this.#store.finish(rounds);
    } catch (error) {
      // The leases run out on their own: the events are sent again (at least once, never lost).
      this.#logger.warn('unable to record webhook deliveries; they will be sent again', {
        conversations: rounds.map((round) => round.stream.conversationId),
        error: error instanceof Error ? error.message : String(error),
      });
    }
    for (const round of rounds) round.done();
  }

  /** A failed attempt at a conversation's oldest event: its retry, or its end. */
  #failed(stream: ClaimedStream, eventId: string | null, error: string): StreamOutcome {
    const attempts = stream.attempts + 1;
    const retry = this.#options.retry;
    if (eventId && stream.failingForMs !== null && stream.failingForMs >= retry.giveUpAfterMs) {
      this.#logger.error('webhook event given up: the receiver did not accept it in time', {
        eventId,
        conversationId: stream.conversationId,
        attempts,
        error,
      });
      return { delivered: [], givenUp: eventId, attempts: 0, retryInMs: 0, error };
    }
    if (attempts === 1) {
      this.#logger.warn('webhook delivery failed; retrying with backoff', {
        eventId,
        conversationId: stream.conversationId,
        error,
      });
    }
    return {
      delivered: [],
      givenUp: null,
      attempts,
      retryInMs: retryDelayMs(retry, attempts),
      error,
    };
  }
}
