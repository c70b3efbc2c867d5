/**
 * Time from reconnect to a complete state after a client missed 1,000
 * messages across 10 conversations: a real server (PGlite in this process),
 * a TCP proxy that takes the client off the network, a sender that writes the
 * messages meanwhile, then the link comes back and the clock runs until every
 * conversation holds every message.
 *
 *   npx tsx bench/gap-fill.ts [--runs 5] [--messages 1000] [--conversations 10]
 */
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import type { ChatClient } from '../packages/core/src/client/chat-client';
import { createChatClient } from '../packages/core/src/client/create-chat-client';
import type { ChatState } from '../packages/core/src/store/state';
import { startTcpProxy } from '../packages/integration/src/tcp-proxy';
import { signToken, startServer } from '../packages/server-kit/test/harness';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    messages: { type: 'string', default: '1000' },
    conversations: { type: 'string', default: '10' },
  },
});
const runs = Number(values.runs);
const total = Number(values.messages);
const conversationCount = Number(values.conversations);

const db = await PGlite.create();
const server = await startServer(db, {
  limits: {
    sendRate: { perSecond: 100_000, burst: 100_000 },
    requestRate: { perSecond: 100_000, burst: 100_000 },
  },
});

function client(url: string, userId: string): ChatClient {
  return createChatClient({
    url,
    userId,
    getToken: () => signToken(userId),
    transports: ['websocket'],
    restPath: null,
    backoff: { minMs: 50, maxMs: 200, factor: 2 },
  });
}

function waitFor(
  target: ChatClient,
  done: (state: ChatState) => boolean,
  timeoutMs = 60_000,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!done(target.getSnapshot())) return false;
      unsubscribe();
      clearTimeout(timer);
      resolve(performance.now());
      return true;
    };
    const unsubscribe = target.subscribe(check);
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error('timed out waiting for the client'));
    }, timeoutMs);
    check();
  });
}

async function once(run: number) {
  const proxy = await startTcpProxy(server.port);
  const sender = client(server.url, `sender-${run}`);
  const reader = client(proxy.url, `reader-${run}`);
  await waitFor(sender, (s) => s.connection.status === 'connected');
  await waitFor(reader, (s) => s.connection.status === 'connected');
  const ids: string[] = [];
  for (let i = 0; i < conversationCount; i++) {
    const conversation = await sender.createGroupConversation({
      participantIds: [`reader-${run}`],
      title: `c${i}`,
    });
    ids.push(conversation.id);
    reader.openConversation(conversation.id);
  }
  await waitFor(reader, (s) => ids.every((id) => s.timelines[id]?.loaded));

  proxy.setMode('refuse');
  proxy.cut();
  await waitFor(reader, (s) => s.connection.status !== 'connected');
  for (let i = 0; i < total; i++)
    sender.sendMessage(ids[i % ids.length] as string, { body: `missed ${i}` });
  await waitFor(sender, (s) => Object.values(s.timelines).every((t) => t.pending.length === 0));

  const perConversation = total / conversationCount;
  const complete = waitFor(reader, (s) =>
    ids.every((id) => s.timelines[id]?.messages.length === perConversation),
  );
  const reconnected = waitFor(reader, (s) => s.connection.status === 'connected');
  const linkBack = performance.now();
  proxy.setMode('pass');
  const [connectedAt, completeAt] = await Promise.all([reconnected, complete]);
  await Promise.all([sender.close(), reader.close()]);
  await proxy.close();
  return { fromReconnect: completeAt - connectedAt, fromLinkBack: completeAt - linkBack };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
await once(0); // warm-up
const results = [];
for (let run = 1; run <= runs; run++) results.push(await once(run));
const fromReconnect = results.map((r) => r.fromReconnect);
const fromLinkBack = results.map((r) => r.fromLinkBack);
console.log(
  `gap-fill of ${total} missed messages across ${conversationCount} conversations (PGlite server in this process):\n` +
    `  reconnected → complete: median ${median(fromReconnect).toFixed(0)} ms (runs: ${fromReconnect.map((t) => t.toFixed(0)).join(', ')})\n` +
    `  link back → complete (includes the backoff wait): median ${median(fromLinkBack).toFixed(0)} ms (runs: ${fromLinkBack.map((t) => t.toFixed(0)).join(', ')})`,
);
await server.close();
await db.close();
