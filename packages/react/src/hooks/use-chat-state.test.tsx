import { selectConversations, selectUnreadTotal } from '@banter/core';
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeClient } from '../../test/render';
import { ChatProvider } from '../provider/ChatProvider';
import { useChatState } from './use-chat-state';

/** The two public APIs combined, as a host would: core's selectors straight into the hook. */
function ConversationIds() {
  const conversations = useChatState(selectConversations);
  const unread = useChatState(selectUnreadTotal);
  return <p>{`${conversations.map((c) => c.id).join(',')} / ${unread}`}</p>;
}

describe('useChatState with core selectors', () => {
  it('renders the conversation list from selectConversations, and follows changes', async () => {
    const client = await fakeClient();
    const first = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const second = client.fake.addConversation({ participantIds: ['ann', 'cat'] });
    // React reports "Maximum update depth exceeded" by throwing from render: render would fail here.
    render(
      <ChatProvider client={client}>
        <ConversationIds />
      </ChatProvider>,
    );
    await act(() => client.loadConversations());
    await waitFor(() => expect(screen.getByText(`${second.id},${first.id} / 0`)).toBeTruthy());
    act(() => {
      client.fake.receive(first.id, {
        senderId: 'bob',
        body: 'bump',
        // Later than both conversations' activity, so it moves to the top.
        createdAt: new Date(Date.now() + 60_000).toISOString(),
      });
    });
    expect(screen.getByText(`${first.id},${second.id} / 1`)).toBeTruthy();
  });
});
