/**
 * The Banter demo: an Express app with a demo sign-in, Banter mounted next
 * to it, and a page with the chat widget. `npm start` at the repository root
 * builds everything and runs this.
 *
 * Environment:
 *   PORT              port to listen on (default 3000)
 *   BANTER_DATA_DIR   where the embedded database lives (default .banter-data/demo; "memory" for none)
 *   DATABASE_URL      use PostgreSQL instead of the embedded database
 *   REDIS_URL         share Socket.IO rooms between several demo processes through Redis
 *   BANTER_DEMO_SECRET  the JWT secret (default: generated once and kept in the data folder)
 *   BANTER_UPLOADS_DIR  where sent files live (default: `uploads` in the data folder, or a
 *                       temporary folder with BANTER_DATA_DIR=memory or DATABASE_URL)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createBanter, createJwtAuthenticator, diskUploads } from '@banter/server-kit';
import express from 'express';
import { SignJWT } from 'jose';
import { Server } from 'socket.io';
import { demoUserById, demoUsers } from './demo-users.js';
import { seed } from './seed.js';
import { serveBuilt } from './static-assets.js';

const here = dirname(fileURLToPath(import.meta.url));
const issuer = 'banter-demo';
const audience = 'banter-demo';

export async function startDemo({
  port = Number(process.env.PORT ?? 3000),
  dataDir = process.env.BANTER_DATA_DIR ?? resolve(here, '../../.banter-data/demo'),
  databaseUrl = process.env.DATABASE_URL,
  redisUrl = process.env.REDIS_URL,
  host = '127.0.0.1',
} = {}) {
  const storage = await openStorage({ dataDir, databaseUrl });
  const secretText = loadSecret(dataDir, databaseUrl);
  const secret = new TextEncoder().encode(secretText);
  await seed(storage);

  const banter = createBanter({
    storage,
    authenticate: createJwtAuthenticator({ secret, algorithms: ['HS256'], issuer, audience }),
    hooks: {
      getUsers: (ids) => ids.map((id) => demoUserById.get(id)).filter(Boolean),
      searchUsers: (query, { userId }) =>
        demoUsers.filter(
          (u) => u.id !== userId && u.name.toLowerCase().includes(query.toLowerCase()),
        ),
    },
    // Files sent in the demo live on this machine's disk, beside the embedded database.
    uploads: {
      store: diskUploads({ dir: uploadsDir(dataDir, databaseUrl) }),
      secret: `${secretText}:uploads`,
    },
  });

  const app = express();
  // Demo only: the examples (a Vite app, a static page) call this server from other origins.
  app.use(['/chat', '/demo'], (req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, PUT');
    if (req.method === 'OPTIONS') return res.status(204).end();
    next();
  });
  app.get('/demo/users', (_req, res) => res.json(demoUsers));
  // Signing in issues a real JWT, so the demo runs the same auth path as production.
  app.get('/demo/token', async (req, res) => {
    const user = demoUserById.get(String(req.query.userId ?? ''));
    if (!user) return res.status(404).json({ error: 'no such demo user' });
    const token = await new SignJWT({ name: user.name })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(secret);
    res.json({ token, user });
  });
  app.use('/chat', banter.router);
  app.use(serveBuilt(join(here, 'dist')));
  app.use(express.static(join(here, 'public'), { maxAge: '1d' }));
  // The script-tag example (once built), so its page can take this server as its own origin.
  const scriptTag = resolve(here, '../script-tag');
  // Its relative script URL needs the trailing slash (Express matches both forms here).
  app.get('/script-tag', (req, res) => {
    const [path, query] = req.originalUrl.split('?');
    if (path.endsWith('/')) res.sendFile(join(scriptTag, 'index.html'));
    else res.redirect(301, `${path}/${query === undefined ? '' : `?${query}`}`);
  });
  app.get('/script-tag/dist/banter-embed.js', (_req, res) =>
    res.sendFile(join(scriptTag, 'dist/banter-embed.js')),
  );

  const http = createServer(app);
  const io = new Server(http, { cors: { origin: true } });
  if (redisUrl) await shareRoomsThroughRedis(io, redisUrl);
  banter.attach(io);
  await new Promise((ready) => http.listen(port, host, ready));
  const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${http.address().port}`;

  return {
    url,
    port: http.address().port,
    async close() {
      await banter.close();
      io.close();
      http.closeAllConnections();
      await new Promise((done) => http.close(done));
      await storage.close();
    },
  };
}

async function openStorage({ dataDir, databaseUrl }) {
  if (databaseUrl) {
    const { postgresStorage } = await import('@banter/server-kit/postgres');
    return postgresStorage({ connectionString: databaseUrl });
  }
  const { pgliteStorage } = await import('@banter/server-kit/pglite');
  if (dataDir === 'memory') return pgliteStorage();
  mkdirSync(dataDir, { recursive: true });
  return pgliteStorage({ dataDir });
}

/** One secret per data folder, so sessions survive a restart; never commit it. */
function uploadsDir(dataDir, databaseUrl) {
  if (process.env.BANTER_UPLOADS_DIR) return process.env.BANTER_UPLOADS_DIR;
  if (databaseUrl || dataDir === 'memory')
    return mkdtempSync(join(tmpdir(), 'banter-demo-uploads-'));
  return join(dataDir, 'uploads');
}

function loadSecret(dataDir, databaseUrl) {
  if (process.env.BANTER_DEMO_SECRET) return process.env.BANTER_DEMO_SECRET;
  if (databaseUrl || dataDir === 'memory') return randomBytes(32).toString('hex');
  const file = join(dataDir, '..', `${dataDir.split(/[\\/]/).pop()}.secret`);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8');
}

async function shareRoomsThroughRedis(io, redisUrl) {
  const { createClient } = await import('redis');
  const { createAdapter } = await import('@socket.io/redis-streams-adapter');
  const client = createClient({ url: redisUrl });
  client.on('error', (error) => console.error('[demo] redis:', error.message));
  await client.connect();
  io.adapter(createAdapter(client));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const demo = await startDemo();
  console.log(`
  Banter demo running at ${demo.url}

  Open it in two browser windows (or a normal and a private one), sign in as
  two different people, and chat: typing, presence, receipts and unread counts
  are live. Storage: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}${process.env.REDIS_URL ? ', rooms shared through Redis' : ''}.

  Stop with Ctrl+C.
`);
  const stop = async () => {
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
