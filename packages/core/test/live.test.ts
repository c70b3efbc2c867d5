import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '../src/connection/environment';
import {
  clientFor,
  closeClients,
  connected,
  startTestServer,
  type TestServer,
  until,
} from './loopback';

let db: PGlite;
let server: TestServer;
let n = 0;
const user = (name: string) => `${name}-${++n}`;

beforeAll(async () => {
  db = await PGlite.create();
  server = await startTestServer(db, { limits: { typingThrottleMs: 100, typingExpiryMs: 1_500 } });
});
afterEach(closeClients);
afterAll(async () => {
  await server.close();
  await db.close();
});

/** An environment the test controls, standing in for a browser's online and visibility events. */
function controllableEnvironment(online: boolean) {
  const wakers = new Set<() => void>();
  const environment: Environment = {
    isOnline: () => online,
    onWake(onWake) {
      wakers.add(onWake);
      return () => wakers.delete(onWake);
    },
    onOffline: () => () => {},
  };
  return {
    environment,
    comeOnline() {
      online = true;
      for (const wake of wakers) wake();
    },
  };
}

describe('typing and presence between clients', () => {
  it('shows the other user typing, and hides it when they send', async () => {
    const [annId, bobId] = [user('ann'), user('bob')];
    const ann = clientFor(server, annId);
    const bob = clientFor(server, bobId);
    await Promise.all([connected(ann), connected(bob)]);
    const { id } = await ann.createDirectConversation(bobId);
    bob.openConversation(id);
    ann.typing(id);
    await until(bob, (s) => expect(s.typing[id]).toEqual([annId]));
    expect(ann.getSnapshot().typing[id] ?? []).toEqual([]);
    ann.sendMessage(id, { body: 'done typing' });
    await until(bob, (s) => expect(s.typing[id]).toEqual([]));
  });

  it('shows a contact going offline with a last-seen time, and back online', async () => {
    const [annId, bobId] = [user('ann'), user('bob')];
    const ann = clientFor(server, annId);
    const bob = clientFor(server, bobId);
    await Promise.all([connected(ann), connected(bob)]);
    await ann.createDirectConversation(bobId);
    expect(await ann.fetchPresence([bobId])).toEqual([
      { userId: bobId, online: true, lastSeenAt: null },
    ]);
    await bob.close();
    await until(ann, (s) =>
      expect(s.presence[bobId]).toMatchObject({ online: false, lastSeenAt: expect.any(String) }),
    );
    const again = clientFor(server, bobId);
    await connected(again);
    await until(ann, (s) =>
      expect(s.presence[bobId]).toEqual({ userId: bobId, online: true, lastSeenAt: null }),
    );
  });
});

describe('several devices of one user', () => {
  it('keeps unread counts right on every device when one of them reads', async () => {
    const [annId, bobId] = [user('ann'), user('bob')];
    const bob = clientFor(server, bobId);
    const annPhone = clientFor(server, annId);
    const annLaptop = clientFor(server, annId);
    await Promise.all([connected(bob), connected(annPhone), connected(annLaptop)]);
    const { id } = await bob.createDirectConversation(annId);
    await Promise.all([annPhone.loadConversations(), annLaptop.loadConversations()]);
    bob.openConversation(id);
    for (const body of ['one', 'two', 'three']) bob.sendMessage(id, { body });
    for (const device of [annPhone, annLaptop]) {
      await until(device, (s) => expect(s.conversations[id]?.unreadCount).toBe(3));
    }
    annLaptop.openConversation(id);
    await until(annLaptop, (s) => expect(s.timelines[id]?.messages).toHaveLength(3));
    await annLaptop.markRead(id);
    await until(annPhone, (s) => expect(s.conversations[id]?.unreadCount).toBe(0));
    expect(annLaptop.getSnapshot().conversations[id]?.unreadCount).toBe(0);
  });
});

describe('the platform’s network signals', () => {
  it('waits while the platform reports offline, and connects at once when it comes back', async () => {
    const ann = user('ann');
    const signals = controllableEnvironment(false);
    // A long backoff: only the wake signal can explain a quick connection.
    const client = clientFor(server, ann, {
      environment: signals.environment,
      backoff: { minMs: 60_000, maxMs: 60_000, factor: 1 },
    });
    await until(client, (s) =>
      expect(s.connection).toMatchObject({ status: 'offline', reason: 'the network is offline' }),
    );
    signals.comeOnline();
    await connected(client);
  });
});
