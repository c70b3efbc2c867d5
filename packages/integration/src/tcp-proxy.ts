import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';

/**
 * What the proxy does with traffic:
 * - `pass`: forwards both ways.
 * - `refuse`: closes new connections at once (a server that is down).
 * - `blackhole`: accepts bytes and sends nothing back, on new and open links (a dead route).
 * - `slow`: forwards each chunk after `delayMs`.
 * - `no-websocket`: forwards plain HTTP but kills WebSocket upgrades (a proxy that blocks them).
 */
export type ProxyMode = 'pass' | 'refuse' | 'blackhole' | 'slow' | 'no-websocket';

export interface TcpProxy {
  url: string;
  port: number;
  mode: ProxyMode;
  setMode(mode: ProxyMode, options?: { delayMs?: number }): void;
  /** Resets every open link, as a dropped network would. */
  cut(): void;
  /** Links opened so far, for assertions that traffic really went through. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of `target`, for injecting network faults in tests.
 * Given several ports it is also a load balancer: each new link goes to the next port
 * in turn, and to the one after when a port refuses (a node that is down).
 */
export async function startTcpProxy(target: number | number[]): Promise<TcpProxy> {
  const ports = Array.isArray(target) ? target : [target];
  let turn = 0;
  let mode: ProxyMode = 'pass';
  let delayMs = 0;
  let connections = 0;
  type Link = { client: Socket; upstream?: Socket };
  const links = new Set<Link>();

  const server = createServer((client) => {
    connections += 1;
    if (mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const link: Link = { client };
    links.add(link);
    let inspected = false;
    const forward = (from: Socket, to: Socket) => {
      // A chunk is never written before one that came earlier, even when the link turns
      // fast again while slow chunks are still waiting: TCP does not reorder bytes.
      const queue: { chunk: Buffer; due: number }[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const drain = () => {
        timer = undefined;
        while (queue.length > 0 && (queue[0]?.due ?? 0) <= Date.now()) {
          const { chunk } = queue.shift() as { chunk: Buffer };
          if (to.writable) to.write(chunk);
        }
        if (queue.length > 0) timer = setTimeout(drain, (queue[0]?.due ?? 0) - Date.now());
      };
      const write = (chunk: Buffer) => {
        const due = Date.now() + (mode === 'slow' ? delayMs : 0);
        queue.push({ chunk, due: Math.max(due, queue.at(-1)?.due ?? 0) });
        if (timer === undefined) drain();
      };
      from.on('data', (chunk: Buffer) => {
        if (mode === 'blackhole') return;
        if (!inspected && from === client) {
          inspected = true;
          if (mode === 'no-websocket' && /^upgrade:\s*websocket/im.test(chunk.toString('latin1'))) {
            client.resetAndDestroy();
            link.upstream?.destroy();
            return;
          }
        }
        write(chunk);
      });
    };
    const close = () => {
      links.delete(link);
      client.destroy();
      link.upstream?.destroy();
    };
    client.on('error', close).on('close', close);
    const dial = (triesLeft: number) => {
      const upstream = new (client.constructor as typeof Socket)();
      link.upstream = upstream;
      const refused = () => (triesLeft > 1 ? dial(triesLeft - 1) : close());
      upstream.once('error', refused);
      upstream.connect(ports[turn++ % ports.length] as number, '127.0.0.1', () => {
        upstream.off('error', refused);
        upstream.on('error', close).on('close', close);
        forward(client, upstream);
        forward(upstream, client);
      });
    };
    dial(ports.length);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get mode() {
      return mode;
    },
    setMode(next, options = {}) {
      mode = next;
      delayMs = options.delayMs ?? delayMs;
    },
    cut() {
      for (const { client, upstream } of links) {
        client.resetAndDestroy();
        upstream?.destroy();
      }
      links.clear();
    },
    get connections() {
      return connections;
    },
    async close() {
      for (const { client, upstream } of links) {
        client.destroy();
        upstream?.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
