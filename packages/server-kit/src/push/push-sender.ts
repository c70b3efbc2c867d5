import webpush, { WebPushError } from 'web-push';
import type { Logger } from '../logger';
import type { ResolvedPush } from './push-options';
import type { PushTarget } from './push-sql';

/** One push to deliver: to whom, what (JSON), and its collapse topic. */
export interface PushJob {
  target: PushTarget;
  payload: string;
  topic: string;
}

/** What becomes of a push: delivered, its subscription gone (removed), or given up. */
export type PushOutcome = 'sent' | 'gone' | 'failed';

/**
 * Sends pushes through `web-push` (RFC 8291 encryption, VAPID), at most `maxConcurrent` at a
 * time on this node. A push service answering 404 or 410 says the subscription is gone for good:
 * `onGone` removes it. Other failures are logged and retried `maxAttempts` times in all, with
 * a doubling delay; nothing here is ever awaited by a send's ack.
 */
export class PushSender {
  readonly #push: ResolvedPush;
  readonly #logger: Logger;
  readonly #onGone: (endpoint: string) => Promise<void>;
  readonly #queue: (() => Promise<void>)[] = [];
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #idle = new Set<() => void>();
  #running = 0;
  #closed = false;

  constructor(push: ResolvedPush, logger: Logger, onGone: (endpoint: string) => Promise<void>) {
    this.#push = push;
    this.#logger = logger;
    this.#onGone = onGone;
  }

  /** Queues the push; resolves with its outcome (tests wait on it, the service never does). */
  send(job: PushJob): Promise<PushOutcome> {
    return new Promise((resolve) => this.#attempt(job, 1, resolve));
  }

  /** Stops retries and waits for pushes in flight. */
  async close() {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#queue.length = 0;
    if (this.#running > 0) await new Promise<void>((resolve) => this.#idle.add(resolve));
  }

  #attempt(job: PushJob, attempt: number, done: (outcome: PushOutcome) => void) {
    if (this.#closed) return done('failed');
    this.#queue.push(async () => {
      const outcome = await this.#deliver(job, attempt);
      if (outcome !== 'retry') return done(outcome);
      if (this.#closed) return done('failed');
      const timer = setTimeout(
        () => {
          this.#timers.delete(timer);
          this.#attempt(job, attempt + 1, done);
        },
        this.#push.retryDelayMs * 2 ** (attempt - 1),
      );
      this.#timers.add(timer);
    });
    this.#drain();
  }

  #drain() {
    while (this.#running < this.#push.maxConcurrent && this.#queue.length > 0) {
      const task = this.#queue.shift() as () => Promise<void>;
      this.#running += 1;
      void task().finally(() => {
        this.#running -= 1;
        if (this.#running === 0) for (const resolve of this.#idle) resolve();
        this.#idle.clear();
        this.#drain();
      });
    }
  }

  async #deliver(job: PushJob, attempt: number): Promise<PushOutcome | 'retry'> {
    const { target } = job;
    try {
      await webpush.sendNotification(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        job.payload,
        {
          vapidDetails: this.#push.vapid,
          TTL: this.#push.ttlSeconds,
          topic: job.topic,
          urgency: 'normal',
          contentEncoding: 'aes128gcm',
          timeout: 10_000,
          ...(this.#push.agent ? { agent: this.#push.agent } : {}),
        },
      );
      return 'sent';
    } catch (error) {
      const status = error instanceof WebPushError ? error.statusCode : undefined;
      if (status === 404 || status === 410) {
        await this.#onGone(target.endpoint).catch((cause: unknown) =>
          this.#logger.warn('unable to remove a gone push subscription', { error: String(cause) }),
        );
        return 'gone';
      }
      const last = attempt >= this.#push.maxAttempts;
      this.#logger.warn(last ? 'push failed, giving up' : 'push failed, will retry', {
        userId: target.userId,
        origin: new URL(target.endpoint).origin,
        status,
        attempt,
        error: String(error),
      });
      return last ? 'failed' : 'retry';
    }
  }
}
