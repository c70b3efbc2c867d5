/**
 * Time from reconnect to a complete state after a client missed 1,000
 * messages across 10 conversations: a real server (PGlite in this process),
 * a TCP proxy that takes the client off the network, a sender that writes the
 * messages meanwhile, then the link comes back and the clock runs until every
 * conversation holds every message. With `--changes`, the client instead
 * holds 20 messages per conversation and misses 1,000 changes to them
 * (edits, reactions added and taken back, and at the end some deletes); the
 * clock runs until its change cursor reaches every conversation's counter.
 *
 *   npx tsx bench/gap-fill.ts [--runs 5] [--messages 1000] [--conversations 10] [--changes]
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
    changes: { type: 'boolean', default: false },
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

  const held = 20;
  if (values.changes) {
    for (const id of ids) for (let i = 0; i < held; i++) sender.sendMessage(id, { body: `m${i}` });
    for (const id of ids) sender.openConversation(id);
    await waitFor(reader, (s) => ids.every((id) => s.timelines[id]?.messages.length === held));
    await waitFor(sender, (s) => ids.every((id) => s.timelines[id]?.messages.length === held));
  }

  proxy.setMode('refuse');
  proxy.cut();
  await waitFor(reader, (s) => s.connection.status !== 'connected');
  if (values.changes) makeChanges(sender, ids, held);
  else
    for (let i = 0; i < total; i++)
      sender.sendMessage(ids[i % ids.length] as string, { body: `missed ${i}` });
  await waitFor(sender, (s) =>
    Object.values(s.timelines).every((t) => t.pending.length === 0 && t.actions.length === 0),
  );

  const perConversation = total / conversationCount;
  const counters = new Map<string, number>();
  for (const id of ids) {
    counters.set(id, (await server.storage.getConversation(id, `reader-${run}`))?.lastChange ?? -1);
  }
  const complete = waitFor(reader, (s) =>
    values.changes
      ? ids.every((id) => s.timelines[id]?.changeCursor === counters.get(id))
      : ids.every((id) => s.timelines[id]?.messages.length === perConversation),
  );
  const reconnected = waitFor(reader, (s) => s.connection.status === 'connected');
  const linkBack = performance.now();
  proxy.setMode('pass');
  const [connectedAt, completeAt] = await Promise.all([reconnected, complete]);
  await Promise.all([sender.close(), reader.close()]);
  await proxy.close();
  return { fromReconnect: completeAt - connectedAt, fromLinkBack: completeAt - linkBack };
}

/** `total` changes spread over the held messages; the last 50 are deletes. */
function makeChanges(sender: ChatClient, ids: string[], held: number) {
  for (let i = 0; i < total; i++) {
    const id = ids[i % ids.length] as string;
    const message = sender.getSnapshot().timelines[id]?.messages[Math.floor(i / ids.length) % held];
    if (!message) throw new Error('the sender does not hold its messages');
    if (i >= total - 50) sender.deleteMessage(id, message.id);
    else if (i % 4 === 0) sender.editMessage(id, message.id, `edit ${i}`);
    else if (i % 4 === 1) sender.addReaction(id, message.id, '👍');
    else if (i % 4 === 2) sender.removeReaction(id, message.id, '👍');
    else sender.addReaction(id, message.id, '❤️');
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
await once(0); // warm-up
const results = [];
for (let run = 1; run <= runs; run++) results.push(await once(run));
const fromReconnect = results.map((r) => r.fromReconnect);
const fromLinkBack = results.map((r) => r.fromLinkBack);
console.log(
  `gap-fill of ${total} missed ${values.changes ? 'changes (edits, reactions, deletes)' : 'messages'} across ${conversationCount} conversations (PGlite server in this process):\n` +
    `  reconnected → complete: median ${median(fromReconnect).toFixed(0)} ms (runs: ${fromReconnect.map((t) => t.toFixed(0)).join(', ')})\n` +
    `  link back → complete (includes the backoff wait): median ${median(fromLinkBack).toFixed(0)} ms (runs: ${fromLinkBack.map((t) => t.toFixed(0)).join(', ')})`,
);
await server.close();
await db.close();
