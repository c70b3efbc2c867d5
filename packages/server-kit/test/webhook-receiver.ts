import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../src/webhooks/verify-webhook';
import type { WebhookEvent } from '../src/webhooks/webhook-event';

/** One request the receiver got, whatever it answered. */
export interface ReceivedRequest {
  events: WebhookEvent[];
  headers: IncomingHttpHeaders;
  /** The status it answered with. */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every request, in arrival order, answered or refused. */
  requests: ReceivedRequest[];
  /** The events answered with a 2xx, in arrival order (duplicates included). */
  accepted(): WebhookEvent[];
  /** Decides each answer; default 204. Signature failures are answered 400 and fail `verified`. */
  respond: (events: WebhookEvent[]) => number;
  /** False once any request failed verification. */
  verified: boolean;
  /** Resolves when `done` holds, checked after every request; rejects after `timeoutMs`. */
  waitFor(done: () => boolean, timeoutMs?: number): Promise<void>;
  /** Stops listening, as a receiver that is down: connections are refused until `restart`. */
  stop(): Promise<void>;
  /** Listens again, on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A host's webhook endpoint on 127.0.0.1: it verifies each request as the README says a host
 * should (`verifyWebhook` over the raw body) and records it.
 */
export async function startWebhookReceiver(secret: string | string[]): Promise<WebhookReceiver> {
  const waiters = new Set<() => void>();
  const receiver: WebhookReceiver = {
    url: '',
    requests: [],
    accepted: () =>
      receiver.requests
        .filter((request) => request.status >= 200 && request.status < 300)
        .flatMap((request) => request.events),
    respond: () => 204,
    verified: true,
    waitFor(done, timeoutMs = 30_000) {
      if (done()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!done()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the receiver did not get what was expected within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    async restart() {
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
    },
    close: async () => {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let events: WebhookEvent[];
      try {
        events = verifyWebhook({ body: Buffer.concat(chunks), headers: req.headers, secret });
      } catch {
        receiver.verified = false;
        res.writeHead(400).end();
        return;
      }
      const status = receiver.respond(events);
      receiver.requests.push({ events, headers: req.headers, status });
      res.writeHead(status).end();
      for (const check of [...waiters]) check();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/webhooks`;
  return receiver;
}

/** Whether each conversation's events, first acceptances only, came in id order. */
export function inOrderPerConversation(events: WebhookEvent[]): boolean {
  const last = new Map<string, bigint>();
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const id = BigInt(event.id);
    if ((last.get(event.conversationId) ?? -1n) >= id) return false;
    last.set(event.conversationId, id);
  }
  return true;
}
