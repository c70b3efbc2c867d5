import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { pgliteStorage } from './pglite';
import { migrations } from './schema';

const db = await PGlite.create();
afterAll(() => db.close());

/** A database as the first release left it: only migration 1 applied. */
async function firstRelease(s: string) {
  await db.exec(`CREATE SCHEMA ${s};
    CREATE TABLE ${s}.migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
    ${(migrations[0] as string).replaceAll('{schema}', s)}
    INSERT INTO ${s}.migrations (version) VALUES (1);`);
}

describe('the change feed migration', () => {
  it('numbers messages stored before it by seq, so a client starting from 0 gets each once, as it is now', async () => {
    await firstRelease('before_feed');
    const at = '2026-01-01T00:00:00Z';
    await db.exec(`
      INSERT INTO before_feed.conversations (id, kind, created_by, created_at, last_seq, last_activity_at)
        VALUES ('c', 'group', 'ann', '${at}', 3, '${at}');
      INSERT INTO before_feed.participants (conversation_id, user_id, role, joined_at)
        VALUES ('c', 'ann', 'owner', '${at}');
      INSERT INTO before_feed.messages (id, conversation_id, seq, sender_id, client_id, kind, body, created_at, edited_at, deleted_at)
        VALUES ('m1', 'c', 1, 'ann', 'k1', 'text', 'edited before', '${at}', '${at}', NULL),
               ('m2', 'c', 2, 'ann', 'k2', 'text', '', '${at}', NULL, '${at}'),
               ('m3', 'c', 3, 'ann', 'k3', 'text', 'plain', '${at}', NULL, NULL);`);
    const store = await pgliteStorage({ db, schema: 'before_feed' });

    expect((await store.getConversation('c', 'ann'))?.lastChange).toBe(3);
    const feed = await store.listChanges('c', { after: 0, limit: 10 });
    expect(feed.messages.map((m) => [m.id, m.change, m.body])).toEqual([
      ['m1', 1, 'edited before'],
      ['m2', 2, ''],
      ['m3', 3, 'plain'],
    ]);
    // The first change after the migration comes after every number it gave out.
    expect((await store.editMessage('c', 'm3', 'after', new Date(at))).change).toBe(4);
  });
});
