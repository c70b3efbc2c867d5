import { afterEach, describe, expect, it } from 'vitest';
import { chattingPair, closeClients } from '../../src/clients';
import { quickHeartbeat, useChatServer } from '../../src/server';
import { spyOnStorage } from '../../src/storage-spy';
import { expectShownOnce } from './invariants';

let cutAfterCommit = 0;
const server = useChatServer(
  {},
  {
    socket: quickHeartbeat,
    // After every few committed sends, every connection drops before the server can send the ack.
    storage: (storage) =>
      spyOnStorage(storage, 'insertMessage', (insert) => async (...args) => {
        const result = await insert(...args);
        if (result.created && ++cutAfterCommit % 4 === 0) server.dropConnections();
        return result;
      }),
  },
);
afterEach(closeClients);

describe('2. the connection cut after the commit but before the ack', () => {
  it('never turns a retry into a second message, over hundreds of lost acks', async () => {
    const { ann, bob, id } = await chattingPair(server);
    const total = 400;
    const sends = Array.from({ length: total }, (_, i) => ({
      senderId: i % 2 ? 'bob' : 'ann',
      body: `committed, maybe unacknowledged ${i}`,
    }));
    for (const { senderId, body } of sends)
      (senderId === 'ann' ? ann : bob).sendMessage(id, { body });

    await expectShownOnce({ conversationId: id, members: [ann, bob], sends }, 60_000);
    const stored = await server.storage.listMessages(id, { after: 0, limit: total + 1 });
    expect(stored.messages.map((m) => m.body).sort()).toEqual(sends.map((s) => s.body).sort());
    const lostAcks = Math.floor(cutAfterCommit / 4);
    expect(lostAcks).toBeGreaterThanOrEqual(total / 4);
    console.log(
      `[2 commit before ack] ${lostAcks} connection cuts right after a commit, before its ack; ${total} messages from 2 senders stored once and shown once on both`,
    );
  });
});
