import type { FakeChatClient } from '@banter/core/testing';
import { act, render, renderHook, waitFor } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeClient } from '../../test/render';
import { ChatProvider } from '../provider/ChatProvider';
import { useConnection } from './use-connection';
import { useConversation } from './use-conversation';
import { useConversations } from './use-conversations';
import { useMessageActions } from './use-message-actions';
import { useTyping } from './use-typing';
import { useUnreadTotal } from './use-unread-total';
import { useUser } from './use-user';

function MessageCount({ conversationId }: { conversationId: string }) {
  const { messages } = useConversation(conversationId);
  return <span>{messages.length}</span>;
}

function wrapperFor(client: FakeChatClient) {
  return ({ children }: { children: ReactNode }) => (
    <ChatProvider client={client}>{children}</ChatProvider>
  );
}

describe('hooks', () => {
  it('say clearly when used outside the provider', () => {
    expect(() => renderHook(() => useConnection())).toThrow(/inside <ChatProvider/);
  });

  it('load the conversation list and keep it in activity order', async () => {
    const client = await fakeClient();
    const first = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const second = client.fake.addConversation({ participantIds: ['ann', 'cat'] });
    const { result } = renderHook(() => useConversations(), { wrapper: wrapperFor(client) });
    await waitFor(() => expect(result.current.status).toBe('loaded'));
    act(() => {
      client.fake.receive(first.id, {
        senderId: 'bob',
        body: 'bump',
        createdAt: new Date(Date.now() + 1000).toISOString(),
      });
    });
    expect(result.current.conversations.map((c) => c.id)).toEqual([first.id, second.id]);
  });

  it('give a conversation’s messages with statuses, and send through the outbox', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.fake.seedHistory(id, 3);
    const { result } = renderHook(
      () => ({ chat: useConversation(id), actions: useMessageActions(id) }),
      {
        wrapper: wrapperFor(client),
      },
    );
    await waitFor(() => expect(result.current.chat.loaded).toBe(true));
    expect(result.current.chat.messages).toHaveLength(3);
    act(() => {
      result.current.actions.send({ body: 'hello' });
    });
    expect(result.current.chat.messages.at(-1)).toMatchObject({ body: 'hello', status: 'sending' });
    await waitFor(() => expect(result.current.chat.messages.at(-1)?.status).toBe('sent'));
    act(() => client.fake.read(id, 'bob', 4));
    expect(result.current.chat.messages.at(-1)?.status).toBe('read');
  });

  it('re-render a component only when the data it selected changes', async () => {
    const client = await fakeClient();
    const a = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const b = client.fake.addConversation({ participantIds: ['ann', 'cat'] });
    let renders = 0;
    render(
      <ChatProvider client={client}>
        <Profiler id="watcher" onRender={() => renders++}>
          <MessageCount conversationId={a.id} />
        </Profiler>
      </ChatProvider>,
    );
    await waitFor(() => expect(client.getSnapshot().timelines[a.id]?.loaded).toBe(true));
    const before = renders;
    act(() => {
      client.fake.receive(b.id, { senderId: 'cat', body: 'elsewhere' });
      client.fake.typing(b.id, 'cat', true);
    });
    expect(renders).toBe(before);
    act(() => {
      client.fake.receive(a.id, { senderId: 'bob', body: 'here' });
    });
    expect(renders).toBe(before + 1);
  });

  it('report typing, unread totals and user profiles', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const muted = client.fake.addConversation({ participantIds: ['ann', 'cat'], muted: true });
    const { result } = renderHook(
      () => ({ typing: useTyping(id), unread: useUnreadTotal(), bob: useUser('bob') }),
      { wrapper: wrapperFor(client) },
    );
    act(() => {
      client.fake.receive(id, { senderId: 'bob', body: 'one' });
      client.fake.receive(muted.id, { senderId: 'cat', body: 'muted' });
      // After his message: a message from someone ends their typing indicator.
      client.fake.typing(id, 'bob', true);
    });
    expect(result.current.typing.typingUserIds).toEqual(['bob']);
    expect(result.current.unread).toBe(1);
    await waitFor(() => expect(result.current.bob?.name).toBe('Bob Ray'));
  });
});
