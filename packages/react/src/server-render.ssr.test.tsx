import { createFakeChatClient } from '@banter/core/testing';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChatProvider, ChatWidget, ChatWindow, ConversationList } from './index';

describe('server rendering (Node, no DOM)', () => {
  it('imports and renders every drop-in component without window or document', async () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const client = createFakeChatClient({ userId: 'ann' });
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.fake.receive(id, { senderId: 'bob', body: 'hello <b>from</b> the server' });
    // The data a server would have fetched before rendering.
    client.openConversation(id);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const html = renderToString(
      <ChatProvider client={client}>
        <ChatWindow conversationId={id} />
        <ConversationList />
        <ChatWidget defaultOpen />
      </ChatProvider>,
    );
    expect(html).toContain('banter-chat-window');
    expect(html).toContain('banter-conversation-list');
    expect(html).toContain('banter-widget');
    // The message is in the page, as text: its markup escaped, never rendered.
    expect(html).toContain('hello &lt;b&gt;from&lt;/b&gt; the server');
    expect(html).not.toContain('<b>from</b>');
  });
});
