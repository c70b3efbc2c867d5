import type { Message } from '@banter/core/protocol';
import { describe, expect, it } from 'vitest';
import { collect, nextEvent, ok, uniqueUsers, useTestServer } from '../../test/harness';
import { noBroadcaster } from '../chat/broadcaster';
import type { ChatService } from '../chat/service';
import { silentLogger } from '../logger';
import type { ExpiryBatch } from '../storage/message-expiry';
import { checkRetention, RetentionSweeper } from './retention-sweeper';

const dayMs = 86_400_000;
/** The server's clock: tests move it forward instead of waiting. */
let clock = Date.UTC(2026, 0, 1);
const server = useTestServer({
  now: () => new Date(clock),
  retention: { maxAgeDays: 30, intervalMs: 25 },
});
const user = uniqueUsers();

describe('retention', () => {
  it('deletes messages older than maxAgeDays in the background: clients see them go, newer ones stay', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const { conversation } = await server.banter.admin.createConversation({
      kind: 'group',
      userIds: [ann, bob],
    });
    const conversationId = conversation.id;
    const send = async (body: string) =>
      (await ok(annSocket, 'message:send', { conversationId, clientId: body, body })).message;
    const old = [await send('old 1'), await send('old 2')];
    await ok(bobSocket, 'reaction:add', { conversationId, messageId: old[0]?.id, emoji: '👍' });
    clock += 20 * dayMs;
    const recent = await send('recent');
    const updates = collect(bobSocket, 'message:updated');
    const secondGone = nextEvent(bobSocket, 'message:updated', (m) => m.id === old[1]?.id);

    clock += 11 * dayMs; // the old ones are 31 days old now, the recent one 11
    await secondGone;
    expect(updates.map((m) => [m.id, m.body, m.deletedAt !== null, m.reactions])).toEqual([
      [old[0]?.id, '', true, []],
      [old[1]?.id, '', true, []],
    ]);
    const page = await ok(bobSocket, 'message:list', { conversationId });
    expect(page.messages.map((m) => [m.body, m.deletedAt === null])).toEqual([
      ['', false],
      ['', false],
      ['recent', true],
    ]);
    // A returning client learns of it through the change feed.
    const feed = await ok(bobSocket, 'message:changes', { conversationId, after: recent.change });
    expect(feed.messages.map((m) => m.id)).toEqual([old[0]?.id, old[1]?.id]);
  });

  it('refuses settings that cannot work when the server is created', () => {
    expect(() => checkRetention({ maxAgeDays: 0 })).toThrow(RangeError);
    expect(() => checkRetention({ maxAgeDays: Number.NaN })).toThrow(RangeError);
    expect(() => checkRetention({ maxAgeDays: 1, intervalMs: 0.5 })).toThrow(RangeError);
    expect(checkRetention({ maxAgeDays: 1.5 })).toEqual({ maxAgeDays: 1.5, intervalMs: 600_000 });
  });

  it('stops with close: a batch in progress finishes, no other starts', async () => {
    const batches: ExpiryBatch[] = [];
    let finish!: (messages: Message[]) => void;
    const fullBatch = Array.from(
      { length: 500 },
      () => ({ conversationId: 'c', reactions: [] }) as unknown as Message,
    );
    const service = {
      storage: {
        expireMessages: (batch: ExpiryBatch) => {
          batches.push(batch);
          return new Promise<Message[]>((resolve) => (finish = resolve));
        },
      },
      broadcaster: noBroadcaster,
    } as unknown as ChatService;
    const sweeper = new RetentionSweeper(
      service,
      { maxAgeDays: 1, intervalMs: 60_000 },
      () => new Date(clock),
      silentLogger,
    );
    const run = sweeper.sweep();
    await expect.poll(() => batches.length).toBe(1);
    expect(batches[0]?.before.getTime()).toBe(clock - dayMs);
    let stopped = false;
    const stopping = sweeper.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    // A full batch would normally be followed by another one at once.
    finish(fullBatch);
    await stopping;
    expect(await run).toBe(500);
    expect(batches).toHaveLength(1);
  });
});
