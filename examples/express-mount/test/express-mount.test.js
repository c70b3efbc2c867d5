import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { io } from 'socket.io-client';
import { start } from '../server.js';

const origin = 'http://localhost:5173';
let app;
const sockets = [];

before(async () => {
  app = await start({ port: 0, dataDir: 'memory://' });
});
after(async () => {
  for (const socket of sockets) socket.disconnect();
  await app.close();
});

/** JSON over HTTP, with an optional bearer token. */
async function request(path, { token, method = 'GET', body, headers = {} } = {}) {
  const response = await fetch(app.url + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  };
}

async function login(username) {
  const { status, body } = await request('/login', {
    method: 'POST',
    body: { username, password: 'password' },
  });
  assert.equal(status, 200);
  return body.token;
}

/** Resolves with the first `event` the socket receives, or rejects after a timeout. */
function nextEvent(socket, event, timeoutMs = 5_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} in ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

describe('the host app keeps working', () => {
  it('serves its public routes', async () => {
    const { status, body } = await request('/api/listings');
    assert.equal(status, 200);
    assert.ok(body.length >= 2);
  });

  it('guards its own routes with its own middleware', async () => {
    assert.equal((await request('/api/me')).status, 401);
    const { status, body } = await request('/api/me', { token: await login('ann') });
    assert.equal(status, 200);
    assert.deepEqual(body, { id: 'ann', name: 'Ann Archer', avatarUrl: null });
  });

  it('refuses a wrong password', async () => {
    const { status } = await request('/login', {
      method: 'POST',
      body: { username: 'ann', password: 'nope' },
    });
    assert.equal(status, 401);
  });

  it('applies its CORS policy to its routes', async () => {
    const allowed = await request('/api/listings', { headers: { origin } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), origin);
    const other = await request('/api/listings', { headers: { origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('answers paths Banter does not know with its own 404', async () => {
    const { status, body } = await request('/chat/no-such-route');
    assert.equal(status, 404);
    assert.deepEqual(body, { error: 'not found' });
  });
});

describe('Banter, mounted with the host users and tokens', () => {
  it('refuses a token the host did not sign', async () => {
    const { status, body } = await request('/chat/conversations', { token: 'not-a-jwt' });
    assert.equal(status, 401);
    assert.equal(body.error.code, 'unauthenticated');
  });

  it('delivers a message sent over REST to the other user socket', async () => {
    const [annToken, bobToken] = [await login('ann'), await login('bob')];

    const bob = io(`${app.url}/banter`, { auth: { token: bobToken }, transports: ['websocket'] });
    sockets.push(bob);
    await nextEvent(bob, 'session');

    const created = await request('/chat/conversations', {
      token: annToken,
      method: 'POST',
      body: { kind: 'direct', userId: 'bob' },
    });
    assert.equal(created.status, 201);
    const conversationId = created.body.data.conversation.id;

    const incoming = nextEvent(bob, 'message:new');
    const sent = await request(`/chat/conversations/${conversationId}/messages`, {
      token: annToken,
      method: 'POST',
      body: { clientId: randomUUID(), body: 'Is the bike still for sale?' },
    });
    assert.equal(sent.status, 201);

    const message = await incoming;
    assert.equal(message.id, sent.body.data.message.id);
    assert.equal(message.senderId, 'ann');
    assert.equal(message.body, 'Is the bike still for sale?');
  });

  it('shows the host names through the getUsers hook', async () => {
    const { status, body } = await request('/chat/users?userIds=ann,bob', {
      token: await login('carol'),
    });
    assert.equal(status, 200);
    const names = Object.fromEntries(body.data.map((user) => [user.id, user.name]));
    assert.deepEqual(names, { ann: 'Ann Archer', bob: 'Bob Baker' });
  });

  it('finds people among the host users through the searchUsers hook', async () => {
    const { body } = await request('/chat/users/search?query=ba', { token: await login('ann') });
    assert.deepEqual(
      body.data.map((user) => user.id),
      ['bob'],
    );
  });
});
