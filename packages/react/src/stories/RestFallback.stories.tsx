import { type Conversation, createChatClient, type Message } from '@banter/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { HttpResponse, http, ws } from 'msw';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatWindow } from '../components/ChatWindow';
import { me } from './fixtures';

/**
 * A REAL client (`createChatClient`) against a server that msw plays: the
 * WebSocket is refused at once, so after one failed attempt the client falls
 * back to REST, and msw answers the REST routes from the arrays below with the
 * protocol's `{ ok: true, data }` bodies. Nothing reaches the network:
 * `chat.invalid` cannot resolve, and both the socket and HTTP are intercepted.
 */
const origin = 'http://chat.invalid';
const api = `${origin}/chat`;
const conversationId = 'c-rest';

function restServer() {
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const messages: Message[] = [];
  const store = (draft: Partial<Message> & { senderId: string; body: string }): Message => {
    const message: Message = {
      id: `m-${messages.length + 1}`,
      conversationId,
      seq: messages.length + 1,
      clientId: `seed-${messages.length + 1}`,
      kind: 'text',
      attachments: [],
      replyTo: null,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
      // Nothing here is ever edited: each message's only change is its insert.
      change: messages.length + 1,
      reactions: [],
      ...draft,
    };
    messages.push(message);
    return message;
  };
  store({ senderId: 'bob', body: 'The socket is down on this network.', createdAt: at(3) });
  store({ senderId: me, body: 'Then we talk over plain HTTP.', createdAt: at(2) });
  store({ senderId: 'bob', body: 'Every message here came from REST (msw).', createdAt: at(1) });
  const watermarks = { [me]: 3, bob: 3 };
  const conversation = (): Conversation => ({
    id: conversationId,
    kind: 'direct',
    title: null,
    metadata: null,
    createdBy: me,
    createdAt: at(60),
    lastSeq: messages.length,
    lastChange: messages.length,
    lastActivityAt: messages.at(-1)?.createdAt ?? at(60),
    participants: [me, 'bob'].map((userId) => ({
      userId,
      role: 'member' as const,
      joinedAt: at(60),
      lastReadSeq: watermarks[userId as keyof typeof watermarks],
      lastDeliveredSeq: watermarks[userId as keyof typeof watermarks],
    })),
    lastMessage: messages.at(-1) ?? null,
    unreadCount: 0,
    unreadMentions: 0,
    muted: false,
    archived: false,
  });
  const ok = (data: unknown, status = 200) => HttpResponse.json({ ok: true, data }, { status });
  const users = { ann: 'Ann Lee', bob: 'Bob Marley' } as Record<string, string>;

  const handlers = [
    // The socket: refused as soon as it opens, so the client goes to REST.
    ws.link(`ws://chat.invalid/*`).addEventListener('connection', ({ client }) => {
      client.close(1011, 'the socket is down in this story');
    }),
    http.get(`${api}/conversations`, () =>
      ok({ conversations: [conversation()], nextCursor: null }),
    ),
    http.get(`${api}/conversations/:id`, () => ok(conversation())),
    http.get(`${api}/conversations/:id/messages`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      const before = query.get('before');
      const limit = Number(query.get('limit') ?? 50);
      const older = messages.filter((m) => before === null || m.seq < Number(before));
      return ok({ messages: older.slice(-limit), hasMore: older.length > limit });
    }),
    // The change feed, which polling and gap-fill read.
    http.get(`${api}/conversations/:id/changes`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      const after = Number(query.get('after') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      const changed = messages.filter((m) => m.change > after);
      const page = changed.slice(0, limit);
      return ok({
        messages: page,
        lastChange: page.at(-1)?.change ?? after,
        hasMore: changed.length > limit,
      });
    }),
    http.post(`${api}/conversations/:id/messages`, async ({ request }) => {
      const body = (await request.json()) as { clientId: string; body?: string };
      const existing = messages.find((m) => m.senderId === me && m.clientId === body.clientId);
      if (existing) return ok({ message: existing, created: false });
      const message = store({ senderId: me, clientId: body.clientId, body: body.body ?? '' });
      return ok({ message, created: true }, 201);
    }),
    http.post(`${api}/conversations/:id/:receipt`, async ({ request, params }) => {
      const { seq } = (await request.json()) as { seq: number };
      if (params.receipt === 'read') watermarks[me] = Math.max(watermarks[me], seq);
      return ok({
        conversationId,
        userId: me,
        lastReadSeq: watermarks[me],
        lastDeliveredSeq: Math.max(watermarks[me], seq),
      });
    }),
    http.get(`${api}/presence`, ({ request }) => {
      const ids = new URL(request.url).searchParams.get('userIds')?.split(',') ?? [];
      return ok(ids.map((userId) => ({ userId, online: false, lastSeenAt: at(10) })));
    }),
    http.get(`${api}/users`, ({ request }) => {
      const ids = new URL(request.url).searchParams.get('userIds')?.split(',') ?? [];
      return ok(ids.map((id) => ({ id, name: users[id] ?? id })));
    }),
    // Anything else the client asks gets the protocol's error, never the network.
    http.all(`${origin}/*`, () =>
      HttpResponse.json(
        { ok: false, error: { code: 'not_found', message: 'no such route in this story' } },
        { status: 404 },
      ),
    ),
  ];
  return { handlers, messages };
}

const server = restServer();

const meta = {
  title: 'Drop-in/ChatWindow over REST',
  component: ChatWindow,
  args: { conversationId },
  parameters: {
    height: 560,
    msw: { handlers: server.handlers },
    client: () =>
      createChatClient({
        url: origin,
        userId: me,
        token: 'story-token',
        restPath: '/chat',
        transports: ['websocket'],
        fallbackAfterAttempts: 1,
        connectTimeoutMs: 1000,
        pollIntervalMs: 2000,
      }),
    docs: {
      description: {
        component:
          'The real `createChatClient` when its WebSocket cannot connect: after `fallbackAfterAttempts` failures it reports `offline` and carries history, sends and receipts over the REST routes (`restPath`), polling for new messages. Here msw plays the server.',
      },
    },
  },
} satisfies Meta<typeof ChatWindow>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WorkingOverRestWhileTheSocketIsDown: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Every message here came from REST (msw).')).toBeVisible();
    const input = await canvas.findByRole('textbox', { name: 'Message' });
    await userEvent.type(input, 'Sent over REST{Enter}');
    await waitFor(() => expect(server.messages.at(-1)?.body).toBe('Sent over REST'), {
      timeout: 5000,
    });
    await waitFor(() =>
      expect(canvasElement.querySelector('.banter-message[data-status="sending"]')).toBeNull(),
    );
    await expect(canvasElement.querySelector('.banter-connection-banner')).toHaveAttribute(
      'data-state',
      'offline',
    );
  },
};
