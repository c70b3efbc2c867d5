import type { MessageSearchPage } from '@banter/core/protocol';
import { describe, expect, it } from 'vitest';
import {
  type ClientSocket,
  directBetween,
  ok,
  request,
  restCall,
  startExtraServer,
  uniqueUsers,
  useTestServer,
} from '../../test/harness';
import { sqlAccessOf } from '../storage/sql-access';
import { encodeSearchCursor, type SearchPosition } from './search-cursor';
import { searchMessagesSql } from './sql-search';

const server = useTestServer({ search: { rate: { perSecond: 1_000, burst: 1_000 } } });
const user = uniqueUsers();
let wordCount = 0;
/** A word no other test uses, so the tests of this file never find each other's messages. */
const word = (stem: string) => `${stem}${(++wordCount).toString(36)}x`;

async function send(socket: ClientSocket, conversationId: string, body: string) {
  const { message } = await ok(socket, 'message:send', {
    conversationId,
    clientId: `c-${Math.random()}`,
    body,
  });
  return message;
}

async function search(socket: ClientSocket, payload: Record<string, unknown>) {
  return ok(socket, 'message:search', payload);
}

const bodies = (page: MessageSearchPage) => page.results.map((hit) => hit.message.body);
const marked = (page: MessageSearchPage) =>
  page.results.map((hit) =>
    hit.highlights.map((range) => hit.message.body.slice(range.start, range.end)),
  );

describe('message:search', () => {
  it('finds the words in the conversations of the caller, newest first, with highlight offsets', async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const annSocket = await server.connect(ann);
    const withBob = await directBetween(annSocket, bob);
    const withCat = await directBetween(annSocket, cat);
    const kiwi = word('kiwi');
    await send(annSocket, withBob, `Bring the ${kiwi} please`);
    await send(annSocket, withCat, `no fruit here`);
    await send(annSocket, withCat, `${kiwi.toUpperCase()} and more ${kiwi}!`);
    const page = await search(annSocket, { query: kiwi });
    expect(bodies(page)).toEqual([
      `${kiwi.toUpperCase()} and more ${kiwi}!`,
      `Bring the ${kiwi} please`,
    ]);
    expect(marked(page)).toEqual([[kiwi.toUpperCase(), kiwi], [kiwi]]);
    expect(page.results[0]?.message.conversationId).toBe(withCat);
    expect(page.nextCursor).toBeNull();
  });

  it('matches the last word as a prefix (as you type), and a quoted word whole', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    const stem = word('plan');
    await send(annSocket, conversationId, `the ${stem}ning meeting`);
    await send(annSocket, conversationId, `a ${stem} b`);
    expect(bodies(await search(annSocket, { query: `the ${stem}` }))).toEqual([
      `the ${stem}ning meeting`,
    ]);
    expect(marked(await search(annSocket, { query: stem }))).toEqual([[stem], [`${stem}ning`]]);
    expect(bodies(await search(annSocket, { query: `"${stem}"` }))).toEqual([`a ${stem} b`]);
  });

  it('reads quotes, or and -word as web search syntax', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    const [a, b] = [word('red'), word('blue')];
    await send(annSocket, conversationId, `${a} ${b}`);
    await send(annSocket, conversationId, `${b} ${a}`);
    await send(annSocket, conversationId, `${a} only`);
    expect(bodies(await search(annSocket, { query: `"${a} ${b}"` }))).toEqual([`${a} ${b}`]);
    expect(bodies(await search(annSocket, { query: `${a} -${b}` }))).toEqual([`${a} only`]);
    expect(bodies(await search(annSocket, { query: `only or ${b} ` }))).toHaveLength(3);
  });

  it('counts offsets in UTF-16 code units, around emoji and other scripts', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    const tag = word('z');
    const body = `👋🏽 Grüße ${tag} 日本語 ${tag}`;
    await send(annSocket, conversationId, body);
    const [hit] = (await search(annSocket, { query: tag })).results;
    expect(hit?.highlights).toEqual([
      { start: body.indexOf(tag), end: body.indexOf(tag) + tag.length },
      { start: body.lastIndexOf(tag), end: body.length },
    ]);
    expect(marked(await search(annSocket, { query: `grüße ${tag}` }))).toEqual([
      ['Grüße', tag, tag],
    ]);
  });

  it('scopes to one conversation, and answers not_found for one the caller is not in', async () => {
    const [ann, bob, cat, dan] = [user('ann'), user('bob'), user('cat'), user('dan')];
    const annSocket = await server.connect(ann);
    const danSocket = await server.connect(dan);
    const withBob = await directBetween(annSocket, bob);
    const withCat = await directBetween(annSocket, cat);
    const pear = word('pear');
    await send(annSocket, withBob, `${pear} one`);
    await send(annSocket, withCat, `${pear} two`);
    expect(bodies(await search(annSocket, { query: pear, conversationId: withCat }))).toEqual([
      `${pear} two`,
    ]);
    const refused = await request(danSocket, 'message:search', {
      query: pear,
      conversationId: withCat,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it("never shows another user's conversations, deleted messages or groups the caller left", async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const secret = word('secret');
    const theirs = await directBetween(bobSocket, cat);
    await send(bobSocket, theirs, `${secret} between bob and cat`);
    const ours = await directBetween(annSocket, bob);
    const gone = await send(annSocket, ours, `${secret} deleted`);
    await ok(annSocket, 'message:delete', { conversationId: ours, messageId: gone.id });
    const { conversation: group } = await ok(bobSocket, 'conversation:create', {
      kind: 'group',
      participantIds: [ann],
      title: 'g',
    });
    await send(bobSocket, group.id, `${secret} in the group`);
    expect(bodies(await search(annSocket, { query: secret }))).toEqual([`${secret} in the group`]);
    await ok(annSocket, 'conversation:leave', { conversationId: group.id });
    expect(bodies(await search(annSocket, { query: secret }))).toEqual([]);
    expect(bodies(await search(bobSocket, { query: secret }))).toEqual([
      `${secret} in the group`,
      `${secret} between bob and cat`,
    ]);
  });

  it('pages with a cursor, newest first, every hit once', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    const fig = word('fig');
    for (let i = 1; i <= 7; i++) await send(annSocket, conversationId, `${fig} ${i}`);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = await search(annSocket, { query: fig, limit: 3, cursor });
      seen.push(...bodies(page));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1].map((i) => `${fig} ${i}`));
  });

  it('finds nothing, without an error, for operators, punctuation, quotes and SQL', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    await send(annSocket, conversationId, `some text ' " ; -- & | ! ( ) :*`);
    for (const query of [
      '&|!():*',
      '" " "',
      '-',
      'or',
      '"',
      "'; DROP TABLE banter.messages; --",
      "') OR 1=1 --",
      '\\',
      ':* & !',
      '<-> <2>',
    ]) {
      const answer = await request(annSocket, 'message:search', { query });
      expect(answer, query).toMatchObject({ ok: true });
      if (answer.ok) expect(bodies(answer.data), query).toEqual([]);
    }
    // Words among the SQL are still just words: the message above has "text".
    expect(bodies(await search(annSocket, { query: "text'); --" }))).toEqual([
      `some text ' " ; -- & | ! ( ) :*`,
    ]);
  });

  it('refuses a blank or too long query and a cursor it did not issue, naming the field', async () => {
    const annSocket = await server.connect(user('ann'));
    for (const [payload, path] of [
      [{ query: '   ' }, 'query'],
      [{ query: 'x'.repeat(10_000) }, 'query'],
      [{ query: 'a', cursor: 'bm90IGEgY3Vyc29y' }, 'cursor'],
      [
        { query: 'a', cursor: Buffer.from('["s","1970-01-01T00:00:00Z",5]').toString('base64url') },
        'cursor',
      ],
      [{ query: '!!!', cursor: '%%%' }, 'cursor'],
      [{ query: 'a', limit: 500 }, 'limit'],
      [{ query: 'a\ud800' }, 'query'],
    ] as const) {
      const answer = await request(annSocket, 'message:search', payload);
      expect(answer, JSON.stringify(payload).slice(0, 80)).toMatchObject({
        ok: false,
        error: { code: 'bad_request', issues: [{ path }] },
      });
    }
  });

  it('answers the same over REST, and refuses bad input there with 400', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    const lime = word('lime');
    await send(annSocket, conversationId, `${lime} over rest`);
    const found = await restCall<MessageSearchPage>(
      server.url,
      ann,
      'GET',
      `/messages/search?query=${encodeURIComponent(lime)}&conversationId=${conversationId}&limit=5`,
    );
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      ok: true,
      data: { results: [{ message: { body: `${lime} over rest` }, highlights: [{ start: 0 }] }] },
    });
    const blank = await restCall(server.url, ann, 'GET', '/messages/search?query=%20');
    expect(blank.status).toBe(400);
    expect(blank.body).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const tampered = encodeSearchCursor({ createdAt: 'nope', messageId: 'x' });
    const bad = await restCall(
      server.url,
      ann,
      'GET',
      `/messages/search?query=a&cursor=${tampered}`,
    );
    expect(bad.status).toBe(400);
  });
});

describe('message:search options', () => {
  it('is rate limited per user', async () => {
    const limited = await startExtraServer({ search: { rate: { perSecond: 0.001, burst: 2 } } });
    try {
      const socket = await limited.connect(user('ann'));
      await search(socket, { query: 'a' });
      await search(socket, { query: 'b' });
      expect(await request(socket, 'message:search', { query: 'c' })).toMatchObject({
        ok: false,
        error: { code: 'rate_limited' },
      });
    } finally {
      await limited.close();
    }
  });

  it("hands the query to a searchMessages hook, and drops its hits outside the caller's conversations", async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const asked: unknown[] = [];
    let hits: MessageSearchPage = { results: [], nextCursor: null };
    const hooked = await startExtraServer({
      hooks: {
        searchMessages: (query, context) => {
          asked.push({ query, ...context });
          return hits;
        },
      },
    });
    try {
      const annSocket = await hooked.connect(ann);
      const catSocket = await hooked.connect(cat);
      const mine = await directBetween(annSocket, bob);
      const notMine = await directBetween(catSocket, bob);
      const visible = await send(annSocket, mine, 'visible');
      const hidden = await send(catSocket, notMine, 'hidden');
      hits = {
        results: [
          { message: visible, highlights: [{ start: 0, end: 7 }] },
          { message: hidden, highlights: [] },
        ],
        nextCursor: 'engine-cursor',
      };
      const page = await search(annSocket, { query: ' anything ', cursor: 'abc' });
      expect(page).toEqual({
        results: [{ message: visible, highlights: [{ start: 0, end: 7 }] }],
        nextCursor: 'engine-cursor',
      });
      expect(asked).toEqual([
        { query: 'anything', userId: ann, conversationId: null, cursor: 'abc', limit: 20 },
      ]);
    } finally {
      await hooked.close();
    }
  });
});

describe('the built-in SQL search', () => {
  it('answers the same, page after page, through its walk and through its index plan', async () => {
    const [ann, bob, cat, dan] = [user('ann'), user('bob'), user('cat'), user('dan')];
    const annSocket = await server.connect(ann);
    const catSocket = await server.connect(cat);
    const [quiet, busy, other] = [
      await directBetween(annSocket, bob),
      await directBetween(annSocket, cat),
      await directBetween(annSocket, dan),
    ];
    const theirs = await directBetween(catSocket, bob);
    const oak = word('oak');
    await send(annSocket, quiet, `${oak} a`);
    await send(annSocket, other, `${oak} b`);
    await send(annSocket, other, 'pine');
    // One conversation holds the newest hits: the walk must read it past its first hit.
    for (let i = 1; i <= 4; i++) await send(annSocket, busy, `${oak} tree ${i}`);
    await send(catSocket, theirs, `${oak} elsewhere`);
    const gone = await send(annSocket, busy, `${oak} deleted`);
    await ok(annSocket, 'message:delete', { conversationId: busy, messageId: gone.id });
    const sql = sqlAccessOf(server.storage);
    if (!sql) throw new Error('the test server runs the built-in storage');
    const pages = async (plan: 'walk' | 'bitmap', conversationId: string | null) => {
      const seen: string[][] = [];
      let after: SearchPosition | null = null;
      for (;;) {
        const found = await searchMessagesSql(sql, 'simple', {
          viewerId: ann,
          query: oak,
          conversationId,
          after,
          limit: 3,
          plan,
        });
        expect(found.plan).toBe(plan);
        seen.push(found.messages.map((m) => m.body));
        const last = found.messages.at(-1);
        if (found.messages.length < 3 || !last) return seen;
        after = { createdAt: last.createdAt, messageId: last.id };
      }
    };
    const everywhere = [
      [`${oak} tree 4`, `${oak} tree 3`, `${oak} tree 2`],
      [`${oak} tree 1`, `${oak} b`, `${oak} a`],
      [],
    ];
    expect(await pages('walk', null)).toEqual(everywhere);
    expect(await pages('bitmap', null)).toEqual(everywhere);
    const inBusy = [[`${oak} tree 4`, `${oak} tree 3`, `${oak} tree 2`], [`${oak} tree 1`]];
    expect(await pages('walk', busy)).toEqual(inBusy);
    expect(await pages('bitmap', busy)).toEqual(inBusy);
    expect(await pages('walk', theirs)).toEqual([[]]);
  });
});
