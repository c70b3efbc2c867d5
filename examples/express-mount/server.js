/**
 * A host application that already exists: its own users, its own login, its
 * own routes and its own CORS policy. Banter is mounted into it in one marked
 * block further down, and reuses the host's tokens and users.
 *
 *   npm start -w @banter/example-express-mount
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createBanter, createJwtAuthenticator } from '@banter/server-kit';
import { pgliteStorage } from '@banter/server-kit/pglite';
import express from 'express';
import { jwtVerify, SignJWT } from 'jose';

// ── The host's configuration ────────────────────────────────────────────────
// DEMO ONLY: a real app reads its secret from the environment and refuses to start without it.
const JWT_SECRET = process.env.JWT_SECRET ?? 'demo-only-secret-do-not-use-in-production';
const JWT_KEY = new TextEncoder().encode(JWT_SECRET);
// How the host's tokens are checked, by its own routes and by Banter alike.
const TOKEN_RULES = { algorithms: ['HS256'], issuer: 'https://market.example', audience: 'market' };
// The one browser origin this API serves (the React example's dev server by default).
const ALLOWED_ORIGIN = process.env.ALLOWED_ORIGIN ?? 'http://localhost:5173';

// ── The host's users ────────────────────────────────────────────────────────
// DEMO ONLY: every user's password is "password". A real app keeps users in its database;
// the hashes are made at start-up here so no plain password is stored next to a user.
const hashPassword = (password, salt = randomBytes(16)) => ({
  salt,
  hash: scryptSync(password, salt, 32),
});
const users = [
  { id: 'ann', name: 'Ann Archer', password: hashPassword('password') },
  { id: 'bob', name: 'Bob Baker', password: hashPassword('password') },
  { id: 'carol', name: 'Carol Chen', password: hashPassword('password') },
  { id: 'dave', name: 'Dave Diaz', password: hashPassword('password') },
];

function checkPassword(user, password) {
  const { hash } = hashPassword(password, user.password.salt);
  return timingSafeEqual(hash, user.password.hash);
}

/** What the host is willing to tell other users about someone. */
const toProfile = (user) => ({ id: user.id, name: user.name, avatarUrl: null });

// Banter's hooks: the chat shows the host's names and finds people among the host's users.
const getUsers = (userIds) => users.filter((user) => userIds.includes(user.id)).map(toProfile);
function searchUsers(query, { userId, limit }) {
  const needle = query.toLowerCase();
  return users
    .filter((user) => user.id !== userId && user.name.toLowerCase().includes(needle))
    .slice(0, limit)
    .map(toProfile);
}

const listings = [
  { id: 'l1', title: 'Bright studio near the park', price: 950, sellerId: 'ann' },
  { id: 'l2', title: 'Vintage road bike, 56 cm', price: 240, sellerId: 'bob' },
];

// ── The host's middleware ───────────────────────────────────────────────────
/** One allowed origin, no wildcard; preflights are answered here. */
function cors(req, res, next) {
  res.vary('Origin');
  if (req.headers.origin === ALLOWED_ORIGIN) {
    res.set({
      'Access-Control-Allow-Origin': ALLOWED_ORIGIN,
      'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600',
    });
  }
  if (req.method === 'OPTIONS') return res.sendStatus(204);
  next();
}

/** The host's own guard: the same tokens Banter accepts, verified the same way. */
async function requireUser(req, res, next) {
  const token = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  try {
    if (!token) throw new Error('no token');
    const { payload } = await jwtVerify(token, JWT_KEY, TOKEN_RULES);
    req.user = users.find((user) => user.id === payload.sub);
    if (!req.user) throw new Error('unknown user');
    next();
  } catch {
    res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'sign in first' });
  }
}

function signToken(user) {
  return new SignJWT({ name: user.name })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(TOKEN_RULES.issuer)
    .setAudience(TOKEN_RULES.audience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(JWT_KEY);
}

/**
 * Starts the app. `dataDir` is a folder for the chat database, or `memory://`.
 * Resolves with the address and a `close()` that stops everything it started.
 */
export async function start({ port = 4000, dataDir = 'memory://' } = {}) {
  const app = express();
  const httpServer = createServer(app);
  app.use(cors);

  // ── The host's routes ─────────────────────────────────────────────────────
  app.post('/login', express.json(), async (req, res) => {
    const { username, password } = req.body ?? {};
    const user = users.find((candidate) => candidate.id === username);
    if (!user || typeof password !== 'string' || !checkPassword(user, password)) {
      return res.status(401).json({ error: 'wrong username or password' });
    }
    res.json({ token: await signToken(user), user: toProfile(user) });
  });
  app.get('/api/me', requireUser, (req, res) => res.json(toProfile(req.user)));
  app.get('/api/listings', (_req, res) => res.json(listings));

  // ── Banter: chat between the host's users, with the host's tokens ─────────
  const storage = await pgliteStorage({ dataDir });
  const banter = createBanter({
    storage,
    authenticate: createJwtAuthenticator({ secret: JWT_SECRET, ...TOKEN_RULES }),
    hooks: { getUsers, searchUsers },
    allowedOrigins: [ALLOWED_ORIGIN],
  });
  app.use('/chat', banter.router);
  banter.attach(httpServer);
  // ── end of Banter ─────────────────────────────────────────────────────────

  // The host's fallbacks come last: paths Banter does not know end up here.
  app.use((_req, res) => res.status(404).json({ error: 'not found' }));

  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, resolve);
  });
  const url = `http://localhost:${httpServer.address().port}`;

  return {
    url,
    async close() {
      await banter.close();
      httpServer.closeAllConnections();
      await new Promise((resolve) => httpServer.close(() => resolve()));
      await storage.close();
    },
  };
}

/** BANTER_DATA_DIR: a folder, or `memory` for a database that goes away on exit. */
function dataDirFromEnv() {
  const fromEnv = process.env.BANTER_DATA_DIR;
  if (fromEnv === 'memory') return 'memory://';
  const dir = fromEnv ?? fileURLToPath(new URL('.banter-data/express-mount', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url, close } = await start({
    port: Number(process.env.PORT ?? 4000),
    dataDir: dataDirFromEnv(),
  });
  console.log(`Market app on ${url}: POST /login, GET /api/me, GET /api/listings, chat at /chat`);
  console.log(`Demo users: ${users.map((user) => user.id).join(', ')} (password "password")`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => close().then(() => process.exit(0)));
  }
}
