import { normalizeEmoji, protocolLimits } from '@banter/core/protocol';
import { expect, it } from 'vitest';
import type { ReactionKey } from '../src/storage/storage';
import type { ChangeFeedContext } from './change-feed-conformance';

/** A set of different emoji, as many as a test needs. */
// biome-ignore format: a grid reads better
const emojiSet = [
  '😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆', '😉', '😊',
  '😋', '😎', '😍', '😘', '🥰', '😗', '😙', '😚', '🙂', '🤗',
  '🤩', '🤔', '🫡', '🤨', '😐',
];

/**
 * Reactions' part of the storage contract: add and remove are idempotent, each
 * one that changes something takes the conversation's next change number (and
 * nothing else: no seq, no activity, no unread), messages carry the aggregate,
 * and the caps hold under concurrency.
 */
export function reactionsConformance({ store, uid, at, group, draft }: ChangeFeedContext) {
  const send = async (conversationId: string, senderId: string) =>
    (await store().insertMessage(draft(conversationId, senderId))).message;
  const key = (conversationId: string, messageId: string, userId: string, emoji: string) =>
    ({ conversationId, messageId, userId, emoji }) satisfies ReactionKey;
  const add = (k: ReactionKey, ms = 2000) => store().addReaction({ ...k, now: at(ms) });

  it('adds and removes idempotently, advancing the change feed only when something changed', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const id = await group(ann, [bob]);
    const message = await send(id, ann);
    const before = await store().getConversation(id, bob);
    const thumbs = key(id, message.id, bob, '👍');

    const added = await add(thumbs);
    expect(added.changed).toBe(true);
    expect(added.message).toMatchObject({
      id: message.id,
      change: 2,
      reactions: [{ emoji: '👍', count: 1, userIds: [bob], reacted: true }],
    });
    const again = await add(thumbs, 3000);
    expect(again).toEqual({ message: added.message, changed: false });
    const removed = await store().removeReaction(thumbs);
    expect(removed).toMatchObject({ changed: true, message: { change: 3, reactions: [] } });
    expect(await store().removeReaction(thumbs)).toEqual({
      message: removed.message,
      changed: false,
    });

    const after = await store().getConversation(id, bob);
    expect(after?.lastChange).toBe(3);
    // A reaction is no activity: seq, ordering and unread counts stay as they were.
    expect([after?.lastSeq, after?.lastActivityAt, after?.unreadCount]).toEqual([
      before?.lastSeq,
      before?.lastActivityAt,
      before?.unreadCount,
    ]);
    const feed = await store().listChanges(id, { after: 1, limit: 10 }, bob);
    expect(feed.messages).toEqual([removed.message]);
  });

  it('aggregates per emoji: count, the first users oldest first, emoji by first use, reacted for the viewer', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const others = Array.from({ length: 6 }, (_, i) => uid(`u${i}`));
    const id = await group(ann, [bob, ...others]);
    const message = await send(id, ann);
    const on = (userId: string, emoji: string) => key(id, message.id, userId, emoji);
    await add(on(bob, '🎉'));
    for (const user of others) await add(on(user, '👍'));
    await add(on(ann, '👍'));
    // A removed first use no longer counts: 🎉 is first used again after 👍 now.
    await store().removeReaction(on(bob, '🎉'));
    await add(on(others[0] as string, '🎉'));
    await add(on(bob, '❤'));

    const page = await store().listMessages(id, { limit: 10 }, ann);
    expect(page.messages[0]?.reactions).toEqual([
      { emoji: '👍', count: 7, userIds: others.slice(0, 5), reacted: true },
      { emoji: '🎉', count: 1, userIds: [others[0]], reacted: false },
      { emoji: '❤', count: 1, userIds: [bob], reacted: false },
    ]);
    // The same message for each reader: for Bob, for nobody in particular, in every read.
    const forBob = await store().getMessage(id, message.id, bob);
    expect(forBob?.reactions.map((r) => r.reacted)).toEqual([false, false, true]);
    const shared = await store().getMessage(id, message.id);
    expect(shared?.reactions.map((r) => 'reacted' in r)).toEqual([false, false, false]);
    expect((await store().getConversation(id, bob))?.lastMessage).toEqual(forBob);
    expect((await store().listChanges(id, { after: 0, limit: 5 }, bob)).messages).toEqual([forBob]);
    const resend = await store().findMessageByClientId(id, ann, message.clientId);
    expect(resend?.reactions).toEqual(page.messages[0]?.reactions);
  });

  it('stores an emoji in the form it is given: one normalized emoji is one reaction', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const id = await group(ann, [bob]);
    const message = await send(id, ann);
    await add(key(id, message.id, ann, normalizeEmoji('❤️')));
    const twice = await add(key(id, message.id, bob, normalizeEmoji('❤')));
    expect(twice.message.reactions).toEqual([
      { emoji: '❤', count: 2, userIds: [ann, bob], reacted: true },
    ]);
  });

  it('refuses a reaction past either cap with limit_reached, storing nothing', async () => {
    const [ann, bob, cat] = [uid('ann'), uid('bob'), uid('cat')];
    const id = await group(ann, [bob, cat]);
    const message = await send(id, ann);
    const perUser = protocolLimits.reactionsPerUserPerMessage;
    const perMessage = protocolLimits.reactionEmojiPerMessage;
    for (const emoji of emojiSet.slice(0, perUser)) await add(key(id, message.id, ann, emoji));
    await expect(add(key(id, message.id, ann, emojiSet[perUser] as string))).rejects.toMatchObject({
      code: 'limit_reached',
    });
    for (const emoji of emojiSet.slice(perUser, perMessage)) {
      await add(key(id, message.id, bob, emoji));
    }
    const full = await store().getConversation(id, cat);
    await expect(
      add(key(id, message.id, cat, emojiSet[perMessage] as string)),
    ).rejects.toMatchObject({ code: 'limit_reached' });
    expect((await store().getConversation(id, cat))?.lastChange).toBe(full?.lastChange);
    // An emoji the message already carries is no new emoji: anyone may still add it.
    expect((await add(key(id, message.id, cat, emojiSet[0] as string))).changed).toBe(true);
    const stored = await store().getMessage(id, message.id);
    expect(stored?.reactions).toHaveLength(perMessage);
  });

  it('lets only one of several concurrent adds take the last free emoji', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const racers = Array.from({ length: 6 }, (_, i) => uid(`racer${i}`));
    const id = await group(ann, [bob, ...racers]);
    const message = await send(id, ann);
    const last = protocolLimits.reactionEmojiPerMessage - 1;
    for (const [i, emoji] of emojiSet.slice(0, last).entries()) {
      await add(key(id, message.id, i % 2 ? ann : bob, emoji));
    }
    // Reads first, so a pooled store has connections open and the adds really overlap.
    await Promise.all(racers.map((racer) => store().getConversation(id, racer)));
    const outcomes = await Promise.allSettled(
      racers.map((racer, i) => add(key(id, message.id, racer, emojiSet[last + i] as string))),
    );
    const codes = outcomes.map((o) => (o.status === 'fulfilled' ? 'added' : o.reason.code));
    expect(codes.filter((code) => code === 'added')).toHaveLength(1);
    expect(codes.filter((code) => code === 'limit_reached')).toHaveLength(racers.length - 1);
    expect((await store().getMessage(id, message.id))?.reactions).toHaveLength(last + 1);
    expect((await store().getConversation(id, ann))?.lastChange).toBe(1 + last + 1);
  });

  it('clears a message’s reactions when it is deleted, and then has nothing to react to', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const id = await group(ann, [bob]);
    const message = await send(id, ann);
    await add(key(id, message.id, bob, '👍'));
    const deleted = await store().deleteMessage(id, message.id, at(5000), ann);
    expect(deleted.reactions).toEqual([]);
    expect((await store().listChanges(id, { after: 2, limit: 5 }, bob)).messages).toEqual([
      deleted,
    ]);
    // One at a time: a refusal made before it is awaited would be an unhandled rejection.
    for (const attempt of [
      () => add(key(id, message.id, bob, '👍')),
      () => store().removeReaction(key(id, message.id, bob, '👍')),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
    }
    expect((await store().getConversation(id, bob))?.lastChange).toBe(3);
  });

  it('refuses outsiders, unknown messages and messages of another conversation with not_found', async () => {
    const [ann, bob, eve] = [uid('ann'), uid('bob'), uid('eve')];
    const id = await group(ann, [bob]);
    const elsewhere = await group(ann, [eve]);
    const message = await send(id, ann);
    const foreign = await send(elsewhere, eve);
    for (const k of [
      key(id, message.id, eve, '👍'),
      key('no-such-conversation', message.id, ann, '👍'),
      key(id, 'no-such-message', ann, '👍'),
      key(id, foreign.id, ann, '👍'),
    ]) {
      await expect(add(k)).rejects.toMatchObject({ code: 'not_found' });
      await expect(store().removeReaction(k)).rejects.toMatchObject({ code: 'not_found' });
    }
    expect((await store().getConversation(id, ann))?.lastChange).toBe(1);
    expect((await store().getMessage(elsewhere, foreign.id))?.reactions).toEqual([]);
  });
}
