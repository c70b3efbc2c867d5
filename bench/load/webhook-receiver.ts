/**
 * The receiver the `+webhooks` targets post to: a plain HTTP server on 127.0.0.1 in the
 * parent process that reads each request and answers 204, so its own work is not counted in
 * the server's CPU. Started on first use, closed by `stopWebhookReceiver`.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

let server: Server | null = null;
let requests = 0;

/** Banter's `webhooks` option, as JSON for the server's BENCH_WEBHOOKS. */
export async function webhookReceiverOption(): Promise<string> {
  if (!server) {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        requests += 1;
        res.writeHead(204).end();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  }
  const { port } = server.address() as AddressInfo;
  // BENCH_WEBHOOK_OPTIONS (JSON): more `webhooks` options, e.g. '{"busyPollIntervalMs":1000}'.
  const more = process.env.BENCH_WEBHOOK_OPTIONS
    ? JSON.parse(process.env.BENCH_WEBHOOK_OPTIONS)
    : {};
  return JSON.stringify({
    url: `http://127.0.0.1:${port}/webhooks`,
    secret: 'bench-secret',
    ...more,
  });
}

/** Requests received so far, from every server. */
export function webhookRequests(): number {
  return requests;
}

export function stopWebhookReceiver(): void {
  server?.close();
  server = null;
}
