import type { ChatClient } from '@banter/core';
import { afterAll, describe, expect, it } from 'vitest';
import { chattingPair, closeClients } from '../../src/clients';
import { quickHeartbeat, useChatServer } from '../../src/server';
import { startTcpProxy, type TcpProxy } from '../../src/tcp-proxy';
import { expectShownOnce, type SentLog, seededRandom, sleep } from './invariants';

const server = useChatServer({}, { socket: quickHeartbeat });
const proxies: TcpProxy[] = [];

afterAll(async () => {
  await closeClients();
  await Promise.all(proxies.map((proxy) => proxy.close()));
});

type Fault = 'reset' | 'blackhole' | 'slow';

/** Counts how often the client noticed its link was gone (heartbeat, reset or timeout). */
function countDrops(client: ChatClient) {
  let drops = 0;
  let last = client.getSnapshot().connection.status;
  client.subscribe(() => {
    const status = client.getSnapshot().connection.status;
    if (last === 'connected' && status !== 'connected') drops += 1;
    last = status;
  });
  return () => drops;
}

describe('3. a link that is reset, blackholed and slowed at random', () => {
  it('detects dead links by heartbeat, reconnects, and shows every message once, through 50 faults of 0.2–5 s', async () => {
    const random = seededRandom(Date.now() % 1_000_000);
    const links = 5;
    const faultsPerLink = 10;
    const done: Record<Fault, number> = { reset: 0, blackhole: 0, slow: 0 };

    const pairs = await Promise.all(
      Array.from({ length: links }, async (_, i) => {
        const proxy = await startTcpProxy(server.port);
        proxies.push(proxy);
        const ids: [string, string] = [`link-ann-${i}`, `link-bob-${i}`];
        // Both people's connections, socket and REST alike, go through the faulty link.
        const { ann, bob, id } = await chattingPair({ url: proxy.url }, ids);
        return { proxy, ann, bob, id, ids, drops: countDrops(ann) };
      }),
    );

    const logs: SentLog[] = pairs.map(({ ann, bob, id }) => ({
      conversationId: id,
      members: [ann, bob],
      sends: [],
    }));
    let sending = true;
    const senders = pairs.map(async ({ ann, bob, ids }, i) => {
      const log = logs[i] as SentLog;
      for (let n = 0; sending; n++) {
        const [client, senderId] = n % 3 === 2 ? [bob, ids[1]] : [ann, ids[0]];
        const body = `l${i}-${n}`;
        client.sendMessage(log.conversationId, { body });
        log.sends.push({ senderId, body });
        await sleep(40);
      }
    });
    await Promise.all(
      pairs.map(async ({ proxy }) => {
        for (let f = 0; f < faultsPerLink; f++) {
          const fault = random.pick(['reset', 'blackhole', 'slow'] as const);
          const durationMs = random.between(200, 5_000);
          done[fault] += 1;
          if (fault === 'reset') {
            proxy.cut();
            proxy.setMode('refuse');
          } else {
            proxy.setMode(fault, { delayMs: random.between(50, 400) });
          }
          await sleep(durationMs);
          // The proxy dropped what it swallowed, where TCP would have kept retrying it: a
          // link that went through a blackhole cannot resume, so it ends the way TCP gives up.
          if (fault === 'blackhole') proxy.cut();
          proxy.setMode('pass');
          await sleep(random.between(100, 600));
        }
      }),
    );
    sending = false;
    await Promise.all(senders);

    for (const log of logs) await expectShownOnce(log, 60_000);
    const drops = pairs.map((p) => p.drops());
    const sent = logs.reduce((sum, log) => sum + log.sends.length, 0);
    console.log(
      `[3 link faults] seed ${random.seed}: ${links * faultsPerLink} faults (reset ${done.reset}, blackhole ${done.blackhole}, slow ${done.slow}); links dropped and reconnected ${drops.join('/')} times; ${sent} messages in ${links} conversations, each shown once on both ends, outboxes empty`,
    );
    expect(drops.every((d) => d > 0)).toBe(true);
  }, 180_000);
});
