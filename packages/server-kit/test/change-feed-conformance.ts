import type { Message } from '@banter/core/protocol';
import { expect, it } from 'vitest';
import type { NewMessage, Storage } from '../src/storage/storage';

/** What the storage suite lends these cases: its store and its way of making rows. */
export interface ChangeFeedContext {
  store(): Storage;
  uid(prefix: string): string;
  at(ms: number): Date;
  group(owner: string, members: string[]): Promise<string>;
  draft(conversationId: string, senderId: string, over?: Partial<NewMessage>): NewMessage;
}

/**
 * The change feed's part of the storage contract: every insert, edit and delete
 * takes the conversation's next change number in its own transaction, and
 * `listChanges` returns each changed message once, as it is now.
 */
export function changeFeedConformance({ store, uid, at, group, draft }: ChangeFeedContext) {
  const lastChange = async (conversationId: string, viewerId: string) =>
    (await store().getConversation(conversationId, viewerId))?.lastChange;
  const send = async (conversationId: string, senderId: string, body = 'hello') =>
    (await store().insertMessage(draft(conversationId, senderId, { body }))).message;

  it('advances the change counter once per insert, edit and delete, in commit order', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const id = await group(ann, [bob]);
    expect(await lastChange(id, ann)).toBe(0);
    const first = await send(id, ann);
    const second = await send(id, bob);
    const edited = await store().editMessage(id, first.id, 'edited', at(2000));
    const deleted = await store().deleteMessage(id, second.id, at(3000));
    const again = await store().editMessage(id, first.id, 'edited again', at(4000));
    expect([first, second, edited, deleted, again].map((m) => m.change)).toEqual([1, 2, 3, 4, 5]);
    expect(await lastChange(id, bob)).toBe(5);
    // The message carries its latest change: what the feed orders it by.
    expect((await store().getMessage(id, first.id))?.change).toBe(5);
  });

  it('takes no change number for a change that does not happen', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const id = await group(ann, [bob]);
    const message = await send(id, ann);
    const deleted = await store().deleteMessage(id, message.id, at(2000));
    // Deleting twice answers the deleted message as it was, unchanged.
    expect(await store().deleteMessage(id, message.id, at(3000))).toEqual(deleted);
    await expect(store().editMessage(id, message.id, 'x', at(3000))).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(store().editMessage(id, 'nope', 'x', at(3000))).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(store().deleteMessage(id, 'nope', at(3000))).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await lastChange(id, ann)).toBe(2);
    expect((await send(id, bob)).change).toBe(3);
  });

  it('does not advance the counter for an idempotent resend', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const id = await group(ann, [bob]);
    const original = draft(id, ann);
    const first = await store().insertMessage(original);
    const [retry, racing] = await Promise.all([
      store().insertMessage({ ...original, id: uid('msg') }),
      store().insertMessage({ ...original, id: uid('msg') }),
    ]);
    expect([retry.created, racing.created]).toEqual([false, false]);
    expect([retry.message, racing.message]).toEqual([first.message, first.message]);
    expect(await lastChange(id, ann)).toBe(1);
  });

  it('gives a batch of sends increasing changes in seq order, counted on from earlier changes', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const id = await group(ann, [bob]);
    const other = await group(bob, [ann]);
    const opening = await send(id, ann);
    await store().editMessage(id, opening.id, 'edited', at(2000));
    // Fired together, these reach the database in as few batches as it likes.
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store().insertMessage(draft(i % 2 ? id : other, i % 3 ? ann : bob)),
      ),
    );
    const bySeq = (messages: Message[]) => [...messages].sort((a, b) => a.seq - b.seq);
    const here = bySeq(sent.map((r) => r.message).filter((m) => m.conversationId === id));
    const there = bySeq(sent.map((r) => r.message).filter((m) => m.conversationId === other));
    // The edit took change 2: each send here is one change past its seq; there, its seq.
    expect(here.map((m) => m.change)).toEqual(here.map((m) => m.seq + 1));
    expect(there.map((m) => m.change)).toEqual(there.map((m) => m.seq));
    expect(await lastChange(id, ann)).toBe(12);
    expect(await lastChange(other, ann)).toBe(10);
  });

  it('pages the feed: each changed message once, as it is now, deleted ones included', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const id = await group(ann, [bob]);
    const m = [];
    for (let i = 1; i <= 5; i++) m.push(await send(id, ann, `m${i}`));
    const [m1, m2, m3, m4, m5] = m as [Message, Message, Message, Message, Message];
    await store().editMessage(id, m2.id, 'm2 once', at(2000)); // change 6
    await store().editMessage(id, m2.id, 'm2 twice', at(3000)); // change 7
    await store().deleteMessage(id, m4.id, at(4000)); // change 8
    await send(await group(ann, [bob]), ann); // another conversation's change is not this one's
    const page = (after: number, limit: number) => store().listChanges(id, { after, limit });
    const ids = (p: { messages: Message[] }) => p.messages.map((message) => message.id);

    const one = await page(0, 2);
    expect([ids(one), one.lastChange, one.hasMore]).toEqual([[m1.id, m3.id], 3, true]);
    const two = await page(one.lastChange, 2);
    expect([ids(two), two.lastChange, two.hasMore]).toEqual([[m5.id, m2.id], 7, true]);
    const three = await page(two.lastChange, 2);
    expect([ids(three), three.lastChange, three.hasMore]).toEqual([[m4.id], 8, false]);
    const empty = await page(three.lastChange, 2);
    expect(empty).toEqual({ messages: [], lastChange: 8, hasMore: false });
    // A page that ends exactly at the last change has no more.
    expect((await page(5, 2)).hasMore).toBe(false);

    const all = await page(0, 100);
    expect(all.messages.map((message) => [message.seq, message.change])).toEqual([
      [1, 1],
      [3, 3],
      [5, 5],
      [2, 7],
      [4, 8],
    ]);
    expect(all.messages.find((message) => message.id === m2.id)?.body).toBe('m2 twice');
    expect(all.messages.find((message) => message.id === m4.id)).toMatchObject({
      body: '',
      deletedAt: at(4000).toISOString(),
    });
    expect(await store().getMessage(id, m2.id)).toEqual(all.messages[3]);
  });

  it('keeps the counter gapless when sends, edits and deletes race', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const id = await group(ann, [bob]);
    const seeds = [];
    for (let i = 0; i < 6; i++) seeds.push(await send(id, i % 2 ? ann : bob));
    // Each seed is edited and deleted at once; an edit that loses to its delete is refused.
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 10 }, () => store().insertMessage(draft(id, ann))),
      ...seeds.flatMap((seed) => [
        store().editMessage(id, seed.id, 'edited', at(2000)),
        store().deleteMessage(id, seed.id, at(3000)),
      ]),
    ]);
    const changes = outcomes.filter((o) => o.status === 'fulfilled').length;
    const feed = await store().listChanges(id, { after: 0, limit: 100 });
    const total = 6 + changes;
    expect(feed.lastChange).toBe(total);
    expect(await lastChange(id, ann)).toBe(total);
    // Every message once, each at a distinct change: no change was lost or taken twice.
    expect(new Set(feed.messages.map((message) => message.id)).size).toBe(16);
    expect(new Set(feed.messages.map((message) => message.change)).size).toBe(16);
    expect(feed.messages.filter((message) => message.deletedAt !== null)).toHaveLength(6);
  });
}
