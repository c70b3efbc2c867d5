import type { RetryPolicy } from './retry-policy';

/** Where webhooks go and how they are sent; see the README's Webhooks section. */
export interface WebhookOptions {
  /** The receiver: every event is POSTed here as JSON (`http:` or `https:`). */
  url: string;
  /**
   * The shared secret that signs each request, or several during a rotation: each
   * request then carries one signature per secret (the first is the new one).
   */
  secret: string | readonly string[];
  /** Requests in flight at once from each node. Default 8. */
  concurrency?: number;
  /**
   * The most events one request carries (several conversations share a request; a
   * conversation whose last attempt failed goes alone, one event at a time). 1 sends each
   * event in a request of its own. Default 100.
   */
  maxEventsPerRequest?: number;
  /** How long a request may take before it counts as failed. Default 10,000 ms. */
  requestTimeoutMs?: number;
  /** How often each node looks for events written elsewhere. Default 1,000 ms. */
  pollIntervalMs?: number;
  /**
   * While writes keep coming, polls start at least this far apart (or `pollIntervalMs` apart,
   * if that is shorter): an event then waits up to this long, and each poll takes more events
   * at once, at a lower cost per event (docs/benchmarks.md). A node's own write after a quiet
   * spell still wakes it at once (10 ms later). Lower it for less latency under load, at more
   * database CPU per event. Default 1,000 ms.
   */
  busyPollIntervalMs?: number;
  /** The most events of one conversation claimed (and sent in one request) at a time. Default 50. */
  batchSize?: number;
  /** Delivered and failed events are deleted after this long (replay reaches back this far). Default 7 days. */
  retentionMs?: number;
  /** When to retry a failed attempt, and when to give an event up; what you leave out keeps `defaultRetryPolicy`'s value. */
  retry?: Partial<RetryPolicy>;
}

/** Every option set; what the dispatcher runs with. */
export interface ResolvedWebhookOptions {
  url: URL;
  secrets: readonly string[];
  concurrency: number;
  maxEventsPerRequest: number;
  requestTimeoutMs: number;
  pollIntervalMs: number;
  busyPollIntervalMs: number;
  batchSize: number;
  retentionMs: number;
  retry: RetryPolicy;
  /** How long a claimed conversation stays with its node: well beyond a batch's requests. */
  leaseMs: number;
}
