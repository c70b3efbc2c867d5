// A fresh Express app that mounts @banter/server-kit as the README shows: PGlite storage
// embedded in the process, JWT auth, a token endpoint of the host's own, and the built
// web app served from the same origin.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the user installs by name: the server kit alone (it brings @banter/core) and the
 * peers the README lists for a server on PGlite, plus jose to sign the host's tokens.
 */
export function serverInstallArgs(versions) {
  return [
    '@banter/server-kit',
    `express@${versions.express}`,
    `socket.io@${versions['socket.io']}`,
    `@electric-sql/pglite@${versions['@electric-sql/pglite']}`,
    `jose@${versions.jose}`,
  ];
}

const serverJs = `import { createServer } from 'node:http';
import { createBanter, createJwtAuthenticator } from '@banter/server-kit';
import { pgliteStorage } from '@banter/server-kit/pglite';
import express from 'express';
import { SignJWT } from 'jose';

const port = Number(process.env.PORT ?? 3000);
const secret = process.env.JWT_SECRET;
const webRoot = process.env.WEB_ROOT;
if (!secret || !webRoot) throw new Error('set JWT_SECRET and WEB_ROOT');
const tokenRules = { algorithms: ['HS256'], issuer: 'smoke-app', audience: 'smoke-chat' };
const people = new Map([
  ['ann', { id: 'ann', name: 'Ann Archer', avatarUrl: null }],
  ['bob', { id: 'bob', name: 'Bob Baker', avatarUrl: null }],
]);

const storage = await pgliteStorage(); // in memory: gone when the process ends
const banter = createBanter({
  storage,
  authenticate: createJwtAuthenticator({ secret, ...tokenRules }),
  hooks: { getUsers: (ids) => ids.flatMap((id) => (people.has(id) ? [people.get(id)] : [])) },
});

const app = express();
// The host's sign-in, reduced to a query parameter for the test.
app.get('/api/token', async (req, res) => {
  const user = people.get(String(req.query.user ?? ''));
  if (!user) return res.status(404).json({ error: 'no such user' });
  const token = await new SignJWT({ name: user.name })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(tokenRules.issuer)
    .setAudience(tokenRules.audience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
  res.json({ token });
});
app.get('/api/health', (_req, res) => res.json({ ok: true }));
app.use('/chat', banter.router);
app.use(express.static(webRoot));

const server = createServer(app);
banter.attach(server);
server.listen(port, '127.0.0.1', () => console.log(\`listening on http://127.0.0.1:\${port}\`));

process.once('SIGTERM', async () => {
  await banter.close();
  server.closeAllConnections();
  server.close();
  await storage.close();
  process.exit(0);
});
`;

export function writeServerApp(dir) {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: 'banter-smoke-server',
    private: true,
    type: 'module',
    scripts: { start: 'node server.js' },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'server.js'), serverJs);
}
