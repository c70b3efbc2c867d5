import { expect, it } from 'vitest';
import type { ChangeFeedContext } from './change-feed-conformance';

/**
 * Bans' and blocks' part of the storage contract: idempotent writes that say
 * whether they changed something, reads every node shares, and the one-query
 * check a send makes in a direct conversation.
 */
export function moderationConformance({ store, uid, at, group }: ChangeFeedContext) {
  it('bans, bans again keeping the ban with the new reason, and unbans', async () => {
    const ann = uid('ann');
    expect(await store().getBan(ann)).toBeNull();
    expect(await store().banUser(ann, 'spam', at(0))).toBe(true);
    expect(await store().getBan(ann)).toEqual({ reason: 'spam' });
    expect(await store().banUser(ann, null, at(5))).toBe(false);
    expect(await store().getBan(ann)).toEqual({ reason: null });
    expect(await store().unbanUser(ann)).toBe(true);
    expect(await store().getBan(ann)).toBeNull();
    expect(await store().unbanUser(ann)).toBe(false);
  });

  it('blocks one way, idempotently, listing blocks oldest first', async () => {
    const [ann, bob, cat, dan] = [uid('ann'), uid('bob'), uid('cat'), uid('dan')];
    expect(await store().blockUser(ann, cat, at(10))).toBe(true);
    expect(await store().blockUser(ann, bob, at(20))).toBe(true);
    expect(await store().blockUser(ann, cat, at(30))).toBe(false);
    expect(await store().listBlockedIds(ann)).toEqual([cat, bob]);
    expect(await store().listBlockedIds(bob)).toEqual([]);
    expect((await store().listBlockerIds(bob, [ann, cat, dan])).sort()).toEqual([ann]);
    expect(await store().listBlockerIds(ann, [bob, cat])).toEqual([]);
    expect(await store().listBlockerIds(bob, [])).toEqual([]);
    expect(await store().unblockUser(ann, cat)).toBe(true);
    expect(await store().unblockUser(ann, cat)).toBe(false);
    expect(await store().listBlockedIds(ann)).toEqual([bob]);
  });

  it('finds each send’s conversation kind and who blocks whom in a direct one, in one call', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const { id: direct } = await store().createDirectConversation({
      id: uid('conv'),
      createdBy: ann,
      otherUserId: bob,
      metadata: null,
      now: at(0),
    });
    const team = await group(ann, [bob]);
    const check = (conversationId: string, userId: string) => ({ conversationId, userId });
    const unknown = uid('unknown');
    expect(
      await store().directBlockers([check(direct, ann), check(team, ann), check(unknown, ann)]),
    ).toEqual([
      { kind: 'direct', blockers: [] },
      { kind: 'group', blockers: [] },
      { kind: null, blockers: [] },
    ]);
    await store().blockUser(bob, ann, at(1));
    await store().blockUser(bob, uid('cat'), at(1));
    expect(await store().directBlockers([check(direct, ann), check(direct, bob)])).toEqual([
      { kind: 'direct', blockers: [bob] },
      { kind: 'direct', blockers: [bob] },
    ]);
    await store().blockUser(ann, bob, at(2));
    const [both] = await store().directBlockers([check(direct, bob)]);
    expect(both?.blockers.sort()).toEqual([ann, bob].sort());
    expect(await store().directBlockers([check(team, ann)])).toEqual([
      { kind: 'group', blockers: [] },
    ]);
    expect(await store().directBlockers([])).toEqual([]);
  });
}
