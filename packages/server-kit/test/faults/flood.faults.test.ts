import { describe, expect, it } from 'vitest';
import { defaultLimits } from '../../src/options';
import {
  type ClientSocket,
  collect,
  directBetween,
  request,
  settle,
  useTestServer,
} from '../harness';
import { p50p99, politeSends } from './polite-pair';

// The default limits: this case is about them.
const server = useTestServer();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fires `total` requests spread over about a second, as fast as a script would. */
async function burst<T>(total: number, fire: (i: number) => Promise<T>): Promise<T[]> {
  const pending: Promise<T>[] = [];
  for (let i = 0; i < total; i += 50) {
    for (let j = i; j < Math.min(total, i + 50); j++) pending.push(fire(j));
    await sleep(50);
  }
  return Promise.all(pending);
}

describe('9. a flood from one user and typing spam', () => {
  it('answers with rate_limited and a retry-after, writes only what it accepted, and leaves other users unaffected', async () => {
    const annSockets = await Promise.all([1, 2, 3, 4].map(() => server.connect('flood-ann')));
    const [ann] = annSockets as [ClientSocket];
    const bob = await server.connect('flood-bob');
    const cat = await server.connect('flood-cat');
    const dan = await server.connect('flood-dan');
    const flooded = await directBetween(ann, 'flood-bob');
    const quiet = await directBetween(cat, 'flood-dan');
    let rounds = 0;
    // Cat writes every 150 ms: within the default send rate, as a person would.
    const alone = await politeSends(cat, dan, quiet, {
      label: 'alone',
      pauseMs: 150,
      going: () => rounds++ < 10,
    });

    let flooding = true;
    const during = politeSends(cat, dan, quiet, {
      label: 'during',
      pauseMs: 150,
      going: () => flooding,
    });
    const delivered = collect(bob, 'message:new');
    const typingSeen = collect(bob, 'typing');

    // 1,000 sends in about a second, spread over four sockets of the same user.
    const started = performance.now();
    const sends = await burst(1_000, (i) =>
      request(annSockets[i % 4] as ClientSocket, 'message:send', {
        conversationId: flooded,
        clientId: `flood-${i}`,
        body: `flood ${i}`,
      }),
    );
    const sendSeconds = (performance.now() - started) / 1_000;
    // 1,000 typing events in about a second, from one socket.
    const typingStarted = performance.now();
    const typing = await burst(1_000, (i) =>
      request(ann, 'typing:set', { conversationId: flooded, typing: i % 2 === 0 }),
    );
    const typingSeconds = (performance.now() - typingStarted) / 1_000;
    flooding = false;
    const bystander = await during;
    await settle(300);

    const accepted = sends.filter((r) => r.ok).length;
    const refused = sends.filter((r) => !r.ok);
    for (const r of [...refused, ...typing.filter((t) => !t.ok)]) {
      expect(r).toMatchObject({ ok: false, error: { code: 'rate_limited', retryable: true } });
      if (!r.ok) expect(r.error.retryAfterMs).toBeGreaterThan(0);
    }
    // The user's send budget, whatever the number of sockets: the burst plus the rate over the time taken.
    const { burst: sendBurst, perSecond } = defaultLimits.sendRate;
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(sendBurst + Math.ceil(perSecond * sendSeconds) + 1);
    // Only what was accepted was written, and delivered, once each.
    const stored = await server.storage.listMessages(flooded, { after: 0, limit: 2_000 });
    expect(stored.messages.map((m) => m.seq)).toEqual(
      Array.from({ length: accepted }, (_, i) => i + 1),
    );
    expect(delivered.map((m) => m.seq)).toEqual(stored.messages.map((m) => m.seq));
    // Typing reached Bob at most once per throttle window (a start and its stop per window at most).
    const typingLimited = typing.filter((t) => !t.ok).length;
    const windows = Math.ceil((typingSeconds * 1_000) / defaultLimits.typingThrottleMs) + 1;
    expect(typingLimited).toBeGreaterThan(0);
    expect(typingSeen.length).toBeLessThanOrEqual(2 * windows);

    // The others never noticed: every one of Cat's sends was accepted and reached Dan.
    expect(bystander.length).toBeGreaterThan(3);
    console.log(
      `[9 flood] 1,000 sends in ${sendSeconds.toFixed(2)} s over 4 sockets: ${accepted} accepted and stored once, ${refused.length} rate_limited with a retry-after; 1,000 typing events in ${typingSeconds.toFixed(2)} s: ${typingLimited} rate_limited, ${typingSeen.length} relayed to Bob; bystanders' ack p50/p99 ${p50p99(alone).text} alone, ${p50p99(bystander).text} during (${bystander.length} sends, all delivered)`,
    );
  }, 60_000);
});
