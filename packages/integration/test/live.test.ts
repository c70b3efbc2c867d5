import type { Environment } from '@banter/core';
import { selectConversations, selectUnreadTotal } from '@banter/core';
import { uniqueUsers } from '@banter/server-kit/test/harness';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, closeClients, connected, until } from '../src/clients';
import { useChatServer } from '../src/server';

const server = useChatServer({ limits: { typingThrottleMs: 100, typingExpiryMs: 1_500 } });
const user = uniqueUsers();

afterEach(closeClients);

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

describe('managing conversations', () => {
  it('archives, mutes and leaves, and the list and unread total follow', async () => {
    const [annId, bobId, catId] = [user('ann'), user('bob'), user('cat')];
    const ann = clientFor(server, annId);
    const bob = clientFor(server, bobId);
    await Promise.all([connected(ann), connected(bob)]);
    const direct = await bob.createDirectConversation(annId, { listingId: 'flat-7' });
    const group = await bob.createGroupConversation({
      participantIds: [annId, catId],
      title: 'Viewing',
    });
    bob.openConversation(direct.id);
    bob.openConversation(group.id);
    bob.sendMessage(direct.id, { body: 'hello' });
    // Conversations send independently; wait so the group is certainly the most recent.
    await until(bob, (s) => expect(s.timelines[direct.id]?.messages).toHaveLength(1));
    bob.sendMessage(group.id, { body: 'hi all' });
    await ann.loadConversations();
    await until(ann, (s) => expect(selectUnreadTotal(s)).toBe(2));
    expect(selectConversations(ann.getSnapshot()).map((c) => c.id)).toEqual([group.id, direct.id]);

    await ann.muteConversation(direct.id);
    expect(selectUnreadTotal(ann.getSnapshot())).toBe(1);
    await ann.archiveConversation(group.id);
    expect(selectConversations(ann.getSnapshot()).map((c) => c.id)).toEqual([direct.id]);
    expect(selectConversations(ann.getSnapshot(), true).map((c) => c.id)).toEqual([group.id]);
    await ann.leaveConversation(group.id);
    expect(ann.getSnapshot().conversations[group.id]).toBeUndefined();
    await until(bob, (s) =>
      expect(s.conversations[group.id]?.participants.map((p) => p.userId)).not.toContain(annId),
    );
    const refused = await ann.leaveConversation(direct.id).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'forbidden' });
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
