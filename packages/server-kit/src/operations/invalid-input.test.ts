import {
  type ErrorCode,
  type ErrorPayload,
  protocolLimits,
  type RequestName,
  requestNames,
} from '@banter/core/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientSocket,
  nextEvent,
  ok,
  openSocket,
  signToken,
  useTestServer,
} from '../../test/harness';
import { Deep, restAsk, restRequestFor, socketAsk, withOwnKey } from './wire-probe';

// Every case is refused before the rate limits could matter; lift them so a hundred cases fit.
const server = useTestServer({
  limits: {
    requestRate: { perSecond: 100_000, burst: 100_000 },
    maxPayloadBytes: 16 * 1024,
  },
});

let socket: ClientSocket;
let token: string;
let conversationId: string;
let messageId: string;

beforeAll(async () => {
  socket = await server.connect('ann');
  token = await signToken('ann');
  ({
    conversation: { id: conversationId },
  } = await ok(socket, 'conversation:create', {
    kind: 'direct',
    userId: 'bob',
  }));
  ({
    message: { id: messageId },
  } = await ok(socket, 'message:send', {
    conversationId,
    clientId: 'first',
    body: 'hello',
  }));
});

/** A valid payload of each operation, for the cases to break one field at a time. */
function validPayloads(): { [E in RequestName]: Record<string, unknown> } {
  return {
    'conversation:list': { archived: false, limit: 5, cursor: 'c' },
    'conversation:get': { conversationId },
    'conversation:create': {
      kind: 'group',
      participantIds: ['bob'],
      title: 'Trip',
      metadata: { listing: 'flat-7', tags: ['a'] },
    },
    'conversation:addParticipants': { conversationId, userIds: ['cat'] },
    'conversation:removeParticipant': { conversationId, userId: 'bob' },
    'conversation:leave': { conversationId },
    'conversation:archive': { conversationId, archived: true },
    'conversation:mute': { conversationId, muted: true },
    'message:send': {
      conversationId,
      clientId: 'k1',
      body: 'hi',
      attachments: [{ url: 'https://cdn.test/a.png', name: 'a.png', mimeType: 'image/png' }],
      replyTo: messageId,
    },
    'message:edit': { conversationId, messageId, body: 'edited' },
    'message:delete': { conversationId, messageId },
    'message:list': { conversationId, limit: 5 },
    'message:changes': { conversationId, after: 0, limit: 5 },
    'reaction:add': { conversationId, messageId, emoji: '👍' },
    'reaction:remove': { conversationId, messageId, emoji: '👍' },
    'receipt:read': { conversationId, seq: 1 },
    'receipt:delivered': { conversationId, seq: 1 },
    'typing:set': { conversationId, typing: true },
    'presence:get': { userIds: ['bob'] },
    'user:get': { userIds: ['bob'] },
    'user:search': { query: 'bo' },
    'user:block': { userId: 'bob' },
    'user:unblock': { userId: 'bob' },
    'user:blocks': {},
    'message:report': { conversationId, messageId, reason: 'spam' },
    'message:search': { query: 'hello', conversationId, limit: 5 },
    'auth:refresh': { token: 'a-token' },
    'upload:create': {
      conversationId,
      clientId: 'u1',
      name: 'a.png',
      size: 10,
      type: 'image/png',
    },
    'upload:complete': { uploadId: 'u-1' },
    'upload:cancel': { uploadId: 'u-1' },
    'upload:urls': { conversationId, uploadIds: ['u-1'] },
  };
}

interface Case {
  name: RequestName;
  label: string;
  payload: unknown;
  code: ErrorCode;
  /** The field the refusal must name (`issues[].path`). */
  path?: string;
}

/** Every string in a value, with its dotted path. */
function stringLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
  }
  return [];
}

function replaced(
  value: unknown,
  path: (string | number)[],
  make: (old: string) => string,
): unknown {
  if (path.length === 0) return make(value as string);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaced(copy[head], rest, make);
  return copy;
}

/** The invalid cases of one operation: each string broken both ways, then whole-payload faults. */
function casesOf(name: RequestName, valid: Record<string, unknown>): Case[] {
  const cases: Case[] = [];
  for (const path of stringLeaves(valid)) {
    const field = path.join('.');
    cases.push(
      {
        name,
        label: `unpaired surrogate in ${field}`,
        payload: replaced(valid, path, (old) => `${old}\uD800`),
        code: 'bad_request',
        path: field,
      },
      {
        name,
        label: `NUL in ${field}`,
        payload: replaced(valid, path, (old) => `${old}\u0000x`),
        code: 'bad_request',
        path: field,
      },
    );
  }
  cases.push(
    {
      name,
      label: '__proto__ at the top',
      payload: withOwnKey(valid, '__proto__', { admin: true }),
      code: 'bad_request',
      path: '__proto__',
    },
    {
      name,
      label: 'a 5,000-deep field',
      payload: { ...valid, extra: new Deep(5_000) },
      code: 'payload_too_deep',
    },
    {
      name,
      label: 'a field one level too deep',
      payload: { ...valid, extra: new Deep(protocolLimits.payloadDepth) },
      code: 'payload_too_deep',
    },
    {
      name,
      label: 'a payload over maxPayloadBytes',
      payload: { ...valid, padding: 'p'.repeat(17 * 1024) },
      code: 'payload_too_large',
    },
    { name, label: 'a list instead of an object', payload: [valid], code: 'bad_request' },
  );
  return cases;
}

/** The cases the issue lists by name, beyond what breaking every string covers. */
function namedCases(valid: { [E in RequestName]: Record<string, unknown> }): Case[] {
  const create = valid['conversation:create'];
  const metadata = create.metadata as Record<string, unknown>;
  return [
    {
      name: 'conversation:create',
      label: '__proto__ at the top of metadata',
      payload: { ...create, metadata: withOwnKey(metadata, '__proto__', { admin: true }) },
      code: 'bad_request',
      path: 'metadata.__proto__',
    },
    {
      name: 'conversation:create',
      label: '__proto__ nested in metadata',
      payload: { ...create, metadata: { ...metadata, deep: withOwnKey({}, '__proto__', 1) } },
      code: 'bad_request',
      path: 'metadata.deep.__proto__',
    },
    {
      name: 'conversation:create',
      label: 'constructor and prototype keys in metadata',
      payload: { ...create, metadata: { constructor: 1, nested: { prototype: 2 } } },
      code: 'bad_request',
      path: 'metadata.constructor',
    },
    {
      name: 'conversation:create',
      label: 'a 5,000-deep value in metadata',
      payload: { ...create, metadata: { listing: new Deep(5_000) } },
      code: 'payload_too_deep',
    },
    {
      name: 'conversation:create',
      label: 'a direct conversation with an unpaired surrogate in userId',
      payload: { kind: 'direct', userId: 'eve\uD800' },
      code: 'bad_request',
      path: 'userId',
    },
    {
      name: 'message:send',
      label: 'a 5,000-deep value in the body field',
      payload: { ...valid['message:send'], body: new Deep(5_000) },
      code: 'payload_too_deep',
    },
  ];
}

function expectRefused(error: ErrorPayload | undefined, expected: Case, transport: string) {
  const where = `${expected.name} ${expected.label} over ${transport}`;
  expect(error?.code, where).toBe(expected.code);
  expect(error?.retryable, where).toBe(false);
}

describe('one set of input rules on both transports', () => {
  it('has invalid cases for every operation of the protocol', () => {
    expect(Object.keys(validPayloads()).sort()).toEqual([...requestNames].sort());
  });

  it('answers every operation’s invalid cases with the same code on the socket and over REST, never retryable', async () => {
    const valid = validPayloads();
    const cases = [
      ...requestNames.flatMap((name) => casesOf(name, valid[name])),
      ...namedCases(valid),
    ];
    let overRest = 0;
    for (const each of cases) {
      const viaSocket = await socketAsk(socket, each.name, each.payload);
      const socketError = viaSocket.ok ? undefined : viaSocket.error;
      expectRefused(socketError, each, 'the socket');
      if (each.path !== undefined) {
        expect(
          socketError?.issues?.map((issue) => issue.path),
          each.label,
        ).toContain(each.path);
      }
      const probe = restRequestFor(each.name, each.payload);
      if (probe === null) continue; // REST cannot carry it (socket-only operation, object in a query)
      overRest += 1;
      const { status, result } = await restAsk(`${server.url}/chat`, token, probe);
      const restError = result.ok ? undefined : result.error;
      expectRefused(restError, each, 'REST');
      expect(status, each.label).toBeGreaterThanOrEqual(400);
      expect(status, each.label).toBeLessThan(500);
      // A field in the URL path whose escapes are not UTF-8 is refused by the router before
      // the payload exists, and a query parameter is refused whole (`userIds`, not `userIds.0`).
      if (each.path !== undefined && restError?.issues !== undefined) {
        const named = restError.issues.map((issue) => issue.path);
        const wanted = each.path;
        expect(
          named.some((path) => wanted === path || wanted.startsWith(`${path}.`)),
          `${each.label}: ${named.join(', ')}`,
        ).toBe(true);
      }
    }
    // Most cases have a REST twin: the comparison is not vacuous.
    expect(overRest).toBeGreaterThan(cases.length / 2);
  });

  it('stored none of the refused sends or edits', async () => {
    const page = await ok(socket, 'message:list', { conversationId });
    expect(page.messages.map((m) => [m.clientId, m.body, m.editedAt])).toEqual([
      ['first', 'hello', null],
    ]);
    const conversations = await ok(socket, 'conversation:list', {});
    expect(conversations.conversations.map((c) => c.id)).toEqual([conversationId]);
  });

  it('tells the client its limits when the session starts', async () => {
    // Listening before the socket connects: the session event may come right after `connect`.
    const other = openSocket(server.url, token);
    const session = await nextEvent(other, 'session');
    other.close();
    expect(session).toMatchObject({
      limits: {
        maxPayloadBytes: 16 * 1024,
        maxPayloadDepth: protocolLimits.payloadDepth,
        maxTextLength: 4_000,
        maxGroupSize: 100,
      },
    });
  });
});

describe('bytes that are not UTF-8 over REST', () => {
  /** Raw bytes as a client with a broken encoder would send them. */
  async function send(path: string, body?: Uint8Array<ArrayBuffer>) {
    const response = await fetch(`${server.url}/chat${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      },
      body,
    });
    return { status: response.status, error: (await response.json()).error as ErrorPayload };
  }

  it('refuses them in a body, a query and a path instead of reading U+FFFD', async () => {
    const body = new Uint8Array([
      ...new TextEncoder().encode('{"clientId":"k9","body":"a'),
      0xff,
      ...new TextEncoder().encode('"}'),
    ]);
    const cases = [
      send(`/conversations/${conversationId}/messages`, body),
      send('/users/search?query=bo%FF'),
      send('/conversations/abc%FF'),
    ];
    for (const { status, error } of await Promise.all(cases)) {
      expect([status, error.code, error.retryable]).toEqual([400, 'bad_request', false]);
    }
    expect((await send('/users/search?query=bo%FF')).error.issues).toEqual([
      { path: 'query', message: 'must be percent-encoded UTF-8' },
    ]);
  });
});
