import {
  type ChatClient,
  createChatClient,
  localStorageOutbox,
  type UserProfile,
} from '@banter/core';
import { Avatar, ChatProvider, ChatWidget } from '@banter/react';
import { useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';

type Theme = 'system' | 'light' | 'dark';

/** Each tab signs in on its own (sessionStorage), so two tabs can be two people. */
const session = {
  get: () => sessionStorage.getItem('banter-demo-user'),
  set: (userId: string | null) =>
    userId
      ? sessionStorage.setItem('banter-demo-user', userId)
      : sessionStorage.removeItem('banter-demo-user'),
};

async function tokenFor(userId: string): Promise<string> {
  const response = await fetch(`/demo/token?userId=${encodeURIComponent(userId)}`);
  if (!response.ok) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

function SignIn({ onSignIn }: { onSignIn: (userId: string) => void }) {
  const [users, setUsers] = useState<UserProfile[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch('/demo/users')
      .then((r) => r.json())
      .then(setUsers, (e: unknown) => setError(String(e)));
  }, []);
  return (
    <main className="banter-root demo-signin">
      <h1>Banter demo</h1>
      <p>
        Sign in as one of the demo people. Open a second window as someone else to chat between
        them.
      </p>
      {error && <p role="alert">{error}</p>}
      <ul>
        {users.map((user) => (
          <li key={user.id}>
            <button type="button" onClick={() => onSignIn(user.id)}>
              <Avatar name={user.name} aria-hidden />
              <span>Sign in as {user.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}

function Chat({ userId, onSignOut }: { userId: string; onSignOut: () => void }) {
  const params = new URLSearchParams(location.search);
  const [theme, setTheme] = useState<Theme>((params.get('theme') as Theme) ?? 'system');
  const client = useMemo<ChatClient>(
    () =>
      createChatClient({
        url: location.origin,
        userId,
        getToken: () => tokenFor(userId),
        outboxStorage: localStorageOutbox(),
        // The end-to-end tests wait less: a demo server restarting comes back within a second or two.
        backoff: { maxMs: 2_000 },
        pollIntervalMs: 2_000,
      }),
    [userId],
  );
  useEffect(() => () => void client.close(), [client]);
  return (
    <ChatProvider client={client}>
      <div className="banter-root demo-page" data-theme={theme === 'system' ? undefined : theme}>
        <header className="demo-bar">
          <strong>Banter demo</strong>
          <span>Signed in as {userId}</span>
          <label>
            Theme{' '}
            <select value={theme} onChange={(event) => setTheme(event.target.value as Theme)}>
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </header>
        <main className="demo-listing">
          <h1>Sunny 2-room flat, Rua da Rosa</h1>
          <p>Bright, quiet, close to the tram. Ask the owner anything with the chat button.</p>
        </main>
        <ChatWidget title="Messages" defaultOpen theme={theme} />
      </div>
    </ChatProvider>
  );
}

function App() {
  const [userId, setUserId] = useState(session.get());
  if (!userId) {
    return (
      <SignIn
        onSignIn={(id) => {
          session.set(id);
          setUserId(id);
        }}
      />
    );
  }
  return (
    <Chat
      key={userId}
      userId={userId}
      onSignOut={() => {
        session.set(null);
        setUserId(null);
      }}
    />
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<App />);
