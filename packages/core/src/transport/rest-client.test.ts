import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../protocol';
import { createRestClient } from './rest-client';
import { TokenSource } from './token-source';

const base = 'http://chat.test/chat';
const api = setupServer();

beforeAll(() => api.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  api.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => api.close());

const stored = {
  id: 'm1',
  conversationId: 'c1',
  seq: 1,
  senderId: 'ann',
  clientId: 'k1',
  kind: 'text',
  body: 'hi',
  attachments: [],
  replyTo: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  editedAt: null,
  deletedAt: null,
};

function client(getToken: () => string = () => 'token-1') {
  return createRestClient({ baseUrl: base, tokens: new TokenSource({ getToken }) });
}

async function refusal(pending: Promise<unknown>): Promise<ChatError> {
  const error = await pending.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatError);
  return error as ChatError;
}

describe('the REST client', () => {
  it('puts path fields in the path, the rest in a JSON body, and the token in the header', async () => {
    const seen = vi.fn();
    api.use(
      http.post(`${base}/conversations/:conversationId/messages`, async ({ request, params }) => {
        seen(params.conversationId, await request.json(), request.headers.get('authorization'));
        return HttpResponse.json(
          { ok: true, data: { message: stored, created: true } },
          { status: 201 },
        );
      }),
    );
    const result = await client()(
      'message:send',
      { conversationId: 'c 1', clientId: 'k1', body: 'hi' },
      1_000,
    );
    expect(result).toEqual({ message: stored, created: true });
    expect(seen).toHaveBeenCalledWith('c 1', { clientId: 'k1', body: 'hi' }, 'Bearer token-1');
  });

  it('sends GET fields as a query string, lists comma-separated', async () => {
    let url = '';
    api.use(
      http.get(`${base}/presence`, ({ request }) => {
        url = request.url;
        return HttpResponse.json({ ok: true, data: [] });
      }),
    );
    await client()('presence:get', { userIds: ['ann', 'bob'] }, 1_000);
    expect(new URL(url).searchParams.get('userIds')).toBe('ann,bob');
  });

  it('turns a proxy’s HTML 502 into a retryable unavailable error', async () => {
    api.use(
      http.get(
        `${base}/conversations`,
        () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 }),
      ),
    );
    const error = await refusal(client()('conversation:list', {}, 1_000));
    expect([error.code, error.retryable]).toEqual(['unavailable', true]);
  });

  it('keeps the server’s typed error and status semantics', async () => {
    api.use(
      http.get(`${base}/conversations/:id/messages`, () =>
        HttpResponse.json(
          {
            ok: false,
            error: { code: 'not_found', message: 'conversation not found', retryable: false },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await refusal(client()('message:list', { conversationId: 'c1' }, 1_000));
    expect([error.code, error.message, error.retryable]).toEqual([
      'not_found',
      'conversation not found',
      false,
    ]);
  });

  it('reads Retry-After on a 429 that carries no typed body', async () => {
    api.use(
      http.post(`${base}/conversations/:id/messages`, () =>
        HttpResponse.json(
          { ok: false, error: { code: 'rate_limited', message: 'slow down', retryable: true } },
          { status: 429, headers: { 'retry-after': '2' } },
        ),
      ),
    );
    const error = await refusal(
      client()('message:send', { conversationId: 'c1', clientId: 'k', body: 'x' }, 1_000),
    );
    expect([error.code, error.retryAfterMs]).toEqual(['rate_limited', 2_000]);
  });

  it('gives up on a server that never answers with a timeout error', async () => {
    vi.useFakeTimers();
    api.use(
      http.get(`${base}/conversations`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const pending = refusal(client()('conversation:list', {}, 5_000));
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await pending).code).toBe('timeout');
  });

  it('reports a network failure as unavailable', async () => {
    api.use(http.get(`${base}/conversations`, () => HttpResponse.error()));
    expect((await refusal(client()('conversation:list', {}, 1_000))).code).toBe('unavailable');
  });

  it('renews a refused token once through getToken and retries with it', async () => {
    const tokens = ['old', 'new'];
    const getToken = vi.fn(() => tokens.shift() ?? 'none');
    api.use(
      http.get(`${base}/conversations`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer new'
          ? HttpResponse.json({ ok: true, data: { conversations: [], nextCursor: null } })
          : HttpResponse.json(
              { ok: false, error: { code: 'token_expired', message: 'expired', retryable: true } },
              { status: 401 },
            ),
      ),
    );
    const page = await client(getToken)('conversation:list', {}, 1_000);
    expect(page).toEqual({ conversations: [], nextCursor: null });
    expect(getToken).toHaveBeenCalledTimes(2);
  });
});
