/**
 * One Node process, one port: Express in front, Banter's REST routes and
 * Socket.IO namespace mounted on it, and every other request handed to
 * Next.js. See README.md for why a custom server rather than a second one.
 *
 *   npm run dev -w @banter/example-nextjs     # next dev, with hot reload
 *   npm run build -w @banter/example-nextjs && npm start -w @banter/example-nextjs
 *
 * Environment:
 *   PORT              port to listen on (default 3000)
 *   NODE_ENV          "production" serves the `next build` output; anything else runs next dev
 *   BANTER_DATA_DIR   the embedded database's folder (default .banter-data/nextjs here; "memory" for none)
 *   JWT_SECRET        signs and checks the chat tokens (default: a random one per process)
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createBanter, createJwtAuthenticator } from '@banter/server-kit';
import { pgliteStorage } from '@banter/server-kit/pglite';
import express from 'express';
import { SignJWT } from 'jose';
import next from 'next';
import { people, personById } from './people.js';

const here = dirname(fileURLToPath(import.meta.url));
// How chat tokens are checked; the token route below signs them to match.
const TOKEN_RULES = { algorithms: ['HS256'], issuer: 'banter-nextjs-example', audience: 'chat' };

export async function startServer({
  port = Number(process.env.PORT ?? 3000),
  host = 'localhost',
  dev = process.env.NODE_ENV !== 'production',
  dataDir = process.env.BANTER_DATA_DIR ?? join(here, '.banter-data/nextjs'),
  // A random secret is enough for a demo: when a restart makes a token invalid, the
  // client asks the token route for a new one. A real product keeps one in its secrets.
  secret = process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
} = {}) {
  const http = createServer();

  // Next.js first, so a broken build fails before anything listens.
  const nextApp = next({ dev, dir: here, hostname: host, port, httpServer: http });
  await nextApp.prepare();
  const handleWithNext = nextApp.getRequestHandler();

  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  const storage = await pgliteStorage(dataDir === 'memory' ? {} : { dataDir });
  await startConversation(storage);
  const banter = createBanter({
    storage,
    authenticate: createJwtAuthenticator({ secret, ...TOKEN_RULES }),
    hooks: {
      getUsers: (ids) => ids.map(personById).filter(Boolean),
      searchUsers: (query, { userId }) =>
        people.filter(
          (person) =>
            person.id !== userId && person.name.toLowerCase().includes(query.toLowerCase()),
        ),
    },
  });

  const app = express();
  // DEMO ONLY: anyone may be anyone. A real product issues the token from its own session.
  app.get('/demo/token', async (req, res) => {
    const person = personById(String(req.query.userId ?? ''));
    if (!person) return res.status(404).json({ error: 'no such demo user' });
    const token = await new SignJWT({ name: person.name })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(person.id)
      .setIssuer(TOKEN_RULES.issuer)
      .setAudience(TOKEN_RULES.audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    res.json({ token });
  });
  app.use('/chat', banter.router);
  // Everything else is the Next.js app: pages, its assets, its own route handlers.
  app.use((req, res) => handleWithNext(req, res));

  http.on('request', app);
  // Same origin as the page, so no CORS and no allowedOrigins to keep in step.
  banter.attach(http);

  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, resolve);
  });
  const url = `http://${host}:${http.address().port}`;

  return {
    url,
    async close() {
      await banter.close();
      http.closeAllConnections();
      await new Promise((done) => http.close(done));
      await nextApp.close();
      await storage.close();
    },
  };
}

/** Ann and Bob already have a conversation on first start, so there is someone to talk to. */
async function startConversation(storage) {
  if ((await storage.listConversationIds('ann')).length > 0) return;
  await storage.createDirectConversation({
    id: crypto.randomUUID(),
    createdBy: 'ann',
    otherUserId: 'bob',
    metadata: null,
    now: new Date(),
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Next.js reads this as well; set here too so `node server.js` alone sends nothing.
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  const server = await startServer();
  console.log(`Banter Next.js example ready on ${server.url}`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => server.close().then(() => process.exit(0)));
  }
}
