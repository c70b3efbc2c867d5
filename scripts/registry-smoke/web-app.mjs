// A fresh Vite + React + TypeScript app, written the way a user would start one, that
// shows a conversation with @banter/react's ChatWindow. It signs in as `?user=` and talks
// to `?with=`, with tokens from the Express app that serves it (see server-app.mjs).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the user installs by name: the Banter packages with no version (the registry's
 * `latest`), React at the range the workspace is tested with.
 */
export function webInstallArgs(versions) {
  return [
    '@banter/react',
    '@banter/core',
    `react@${versions.react}`,
    `react-dom@${versions['react-dom']}`,
  ];
}

const mainTsx = `import { createChatClient } from '@banter/core';
import { ChatProvider, ChatWindow, useChatClient } from '@banter/react';
import '@banter/react/styles.css';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

// Who is signed in, and with whom they chat, come from the address: ?user=ann&with=bob.
const params = new URLSearchParams(window.location.search);
const userId = params.get('user') ?? 'ann';
const otherId = params.get('with') ?? 'bob';

async function getToken(): Promise<string> {
  const response = await fetch(\`/api/token?user=\${encodeURIComponent(userId)}\`);
  if (!response.ok) throw new Error(\`no token for \${userId}: HTTP \${response.status}\`);
  const { token } = (await response.json()) as { token: string };
  return token;
}

const client = createChatClient({ url: window.location.origin, userId, getToken });

function App() {
  const chat = useChatClient();
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function openChat() {
    try {
      const conversation = await chat.createDirectConversation(otherId);
      setConversationId(conversation.id);
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    }
  }

  if (conversationId !== null) {
    return (
      <div style={{ height: 560 }}>
        <ChatWindow conversationId={conversationId} />
      </div>
    );
  }
  return (
    <main>
      <button type="button" onClick={openChat}>
        Chat with {otherId}
      </button>
      {error !== null && <p role="alert">{error}</p>}
    </main>
  );
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ChatProvider client={client}>
      <App />
    </ChatProvider>
  </StrictMode>,
);
`;

const indexHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <link rel="icon" href="data:," />
    <title>Banter registry smoke test</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`;

const viteConfig = `import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({ plugins: [react()] });
`;

// Vite's react-ts template settings, in short: the app's code is checked against the
// installed packages' .d.ts files, as a user's `npm run build` would.
const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    moduleResolution: 'bundler',
    jsx: 'react-jsx',
    types: ['vite/client'],
    strict: true,
    noEmit: true,
    isolatedModules: true,
    skipLibCheck: true,
  },
  include: ['src'],
};

/** Writes the app into `dir`; the dev tools are in package.json as a template has them. */
export function writeWebApp(dir, versions) {
  mkdirSync(join(dir, 'src'), { recursive: true });
  const manifest = {
    name: 'banter-smoke-web',
    private: true,
    type: 'module',
    scripts: { build: 'tsc -p . && vite build' },
    devDependencies: Object.fromEntries(
      ['vite', '@vitejs/plugin-react', 'typescript', '@types/react', '@types/react-dom'].map(
        (name) => [name, versions[name]],
      ),
    ),
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  writeFileSync(join(dir, 'index.html'), indexHtml);
  writeFileSync(join(dir, 'vite.config.js'), viteConfig);
  writeFileSync(join(dir, 'src', 'main.tsx'), mainTsx);
}
