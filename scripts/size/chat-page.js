// What a site ships to render a conversation list and a chat window:
// measured by size-limit against the built packages (npm run build first).
import { createChatClient } from '@banter/core';
import { ChatProvider, ChatWindow, ConversationList } from '@banter/react';

export { ChatProvider, ChatWindow, ConversationList, createChatClient };
