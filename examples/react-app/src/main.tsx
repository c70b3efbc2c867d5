import { createChatClient } from '@banter/core';
import { ChatProvider } from '@banter/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// The optional stylesheet first, then the brand theme that overrides its variables.
import '@banter/react/styles.css';
import './theme.css';

const url = import.meta.env.VITE_BANTER_URL ?? 'http://localhost:3000';
// Demo sign-in: who you are comes from the address, e.g. ?user=alice. A real site knows its user.
const userId = new URLSearchParams(window.location.search).get('user') ?? 'carol';

/** Asks the demo server for a token; called again whenever the chat server refuses one. */
async function getToken(): Promise<string> {
  const response = await fetch(`${url}/demo/token?userId=${encodeURIComponent(userId)}`);
  if (!response.ok) throw new Error(`unable to sign in as ${userId}: HTTP ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return token;
}

// One client for the page's lifetime, created outside React so re-renders never reconnect.
const client = createChatClient({ url, userId, getToken });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ChatProvider client={client}>
      <App userId={userId} />
    </ChatProvider>
  </StrictMode>,
);
