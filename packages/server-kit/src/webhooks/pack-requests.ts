import type { ClaimedStream, PendingEvent } from './webhook-store';

/** One request to the receiver: the events of one or more claimed conversations. */
export interface WebhookRequest {
  /** The conversations it carries; the request's outcome is each one's. */
  streams: ClaimedStream[];
  /** Their events, each conversation's in id order (and in one request, never split). */
  events: PendingEvent[];
}

/**
 * Packs claimed conversations into requests. Healthy conversations share requests of up to
 * `maxEvents` events (a request costs the sending node about 0.1 ms of CPU whatever it carries,
 * which one request per event would spend on every message). A conversation whose last attempt
 * failed goes alone and with its oldest event only, so that one event its receiver keeps
 * refusing holds back only its own conversation, and is the one given up in the end.
 */
export function packRequests(
  claims: { stream: ClaimedStream; events: PendingEvent[] }[],
  maxEvents: number,
): WebhookRequest[] {
  const requests: WebhookRequest[] = [];
  let open: WebhookRequest | null = null;
  for (const { stream, events } of claims) {
    if (stream.attempts > 0) {
      requests.push({ streams: [stream], events: events.slice(0, 1) });
      continue;
    }
    const own = events.slice(0, maxEvents);
    if (!open || open.events.length + own.length > maxEvents) {
      open = { streams: [], events: [] };
      requests.push(open);
    }
    open.streams.push(stream);
    open.events.push(...own);
  }
  return requests;
}
