import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { signatureHeader, webhookHeaders } from './webhook-signature';

/** What one attempt came to: acknowledged (any 2xx), or why not. */
export type PostResult = { ok: true } | { ok: false; error: string };

/** One signed request per call, carrying one or more events; keeps connections open between them. */
export interface WebhookPoster {
  /** Sends the events (each a JSON text) as one request: `{"events":[…]}`. */
  post(events: readonly { id: string; body: string }[], signal: AbortSignal): Promise<PostResult>;
  close(): void;
}

/** Posts to `url`, signing each attempt afresh (its own timestamp) with every secret. */
export function webhookPoster(options: {
  url: URL;
  secrets: readonly string[];
  timeoutMs: number;
  maxSockets: number;
  now: () => number;
}): WebhookPoster {
  const https = options.url.protocol === 'https:';
  const agent = https
    ? new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets })
    : new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets });
  const send = https ? httpsRequest : httpRequest;
  return {
    post(events, signal) {
      const timestamp = Math.floor(options.now() / 1000);
      const body = `{"events":[${events.map((event) => event.body).join(',')}]}`;
      return new Promise<PostResult>((resolve) => {
        const request = send(options.url, {
          method: 'POST',
          agent,
          signal,
          timeout: options.timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'banter-webhooks/1',
            [webhookHeaders.id]: events.map((event) => event.id).join(','),
            [webhookHeaders.timestamp]: String(timestamp),
            [webhookHeaders.signature]: signatureHeader(options.secrets, timestamp, body),
          },
        });
        request.on('response', (response) => {
          const status = response.statusCode ?? 0;
          // Read to the end, so the connection goes back to the pool for the next event.
          response.resume();
          response.on('end', () =>
            resolve(
              status >= 200 && status < 300
                ? { ok: true }
                : { ok: false, error: `the receiver answered ${status}` },
            ),
          );
          response.on('error', (error) => resolve({ ok: false, error: error.message }));
        });
        request.on('timeout', () =>
          request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
        );
        request.on('error', (error) => resolve({ ok: false, error: error.message }));
        request.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
