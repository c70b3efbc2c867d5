import { isBlocked } from '@banter/core';
import type { ReportContext } from '@banter/server-kit';
import { uniqueUsers } from '@banter/server-kit/test/harness';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chattingPair, clientFor, closeClients, connected, until } from '../src/clients';
import { useChatServer } from '../src/server';

const reports: ReportContext[] = [];
const server = useChatServer({ hooks: { onReport: (report) => void reports.push(report) } });
const user = uniqueUsers();

afterEach(closeClients);

describe('host control, the real client against server-kit', () => {
  it('blocks through the outbox: both sides are kept out of the direct conversation, and the list comes back on a new client', async () => {
    const { ann, bob, id } = await chattingPair(server, [user('ann'), user('bob')]);
    await until(ann, (s) => expect(s.blocks.status).toBe('loaded'));
    ann.blockUser(bob.userId);
    expect(isBlocked(ann.getSnapshot(), bob.userId)).toBe(true);
    await until(ann, (s) => expect(s.blocks.pending).toEqual([]));
    expect(ann.getSnapshot().blocks.userIds).toEqual([bob.userId]);

    bob.sendMessage(id, { body: 'why?' });
    await until(bob, (s) => expect(s.timelines[id]?.pending[0]?.error?.code).toBe('forbidden'));
    await expect(bob.createDirectConversation(ann.userId)).rejects.toMatchObject({
      code: 'forbidden',
    });

    // Another device of Ann's loads the list after connecting.
    const annElsewhere = clientFor(server, ann.userId);
    await until(annElsewhere, (s) => expect(s.blocks.status).toBe('loaded'));
    expect(isBlocked(annElsewhere.getSnapshot(), bob.userId)).toBe(true);

    ann.unblockUser(bob.userId);
    await until(ann, (s) => expect(s.blocks.pending).toEqual([]));
    bob.retryMessage(bob.getSnapshot().timelines[id]?.pending[0]?.clientId ?? '');
    await until(bob, (s) => expect(s.timelines[id]?.pending).toEqual([]));
  });

  it('reports a message to the onReport hook, and a blank reason is a typed error', async () => {
    const { ann, bob, id } = await chattingPair(server, [user('ann'), user('bob')]);
    bob.sendMessage(id, { body: 'cheap watches' });
    await until(ann, (s) => expect(s.timelines[id]?.messages).toHaveLength(1));
    const message = ann.getSnapshot().timelines[id]?.messages[0];
    await ann.reportMessage(id, message?.id ?? '', 'spam: the same link everywhere');
    expect(reports.at(-1)).toMatchObject({
      reporterId: ann.userId,
      reason: 'spam: the same link everywhere',
      message: { id: message?.id },
    });
    await expect(ann.reportMessage(id, message?.id ?? '', '   ')).rejects.toMatchObject({
      code: 'bad_request',
    });
  });

  it('a ban ends the session: refused with the reason, logged once, later sends failed with it; a new client is refused at the handshake until the unban', async () => {
    const annId = user('ann');
    const logger = { error: vi.fn() };
    const { ann, id } = await chattingPair(server, [annId, user('bob')], { ann: { logger } });
    ann.sendMessage(id, { body: 'before' });
    await until(ann, (s) => expect(s.timelines[id]?.pending).toEqual([]));

    await server.banter.admin.ban(annId, { reason: 'spam, until further notice' });
    await until(ann, (s) => expect(s.connection.status).toBe('refused'));
    expect(ann.getSnapshot().connection.error).toMatchObject({ code: 'banned' });
    expect(ann.getSnapshot().connection.error?.message).toContain('spam, until further notice');
    ann.sendMessage(id, { body: 'after' });
    expect(ann.getSnapshot().timelines[id]?.pending[0]).toMatchObject({
      status: 'failed',
      error: { code: 'banned' },
    });
    expect(logger.error).toHaveBeenCalledTimes(1);

    const again = clientFor(server, annId, { logger: null });
    await until(again, (s) => expect(s.connection.status).toBe('refused'));
    expect(again.getSnapshot().connection.error?.code).toBe('banned');

    await server.banter.admin.unban(annId);
    const afterUnban = clientFor(server, annId);
    await connected(afterUnban);
  });
});
