// Preflight for `npm run test:services` and `npm run test:faults`: these tests need a real
// PostgreSQL and Redis, and the fault suite starts and kills a `redis-server` of its own.
// When any is missing, say how to get it instead of letting every test time out.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { createClient } from 'redis';

const pgUrl = process.env.BANTER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BANTER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const hide = (url) => url.replace(/\/\/[^@]*@/, '//…@');

async function checkPostgres() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function checkRedis() {
  const client = createClient({
    url: redisUrl,
    socket: { connectTimeout: 3000, reconnectStrategy: false },
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.quit().catch(() => {});
  }
}

function checkRedisServerBinary() {
  const run = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return run.error ? run.error.message : null;
}

const suite = process.argv[2] ?? 'test:services';
const [postgres, redis] = await Promise.all([checkPostgres(), checkRedis()]);
const redisServer = suite === 'test:faults' ? checkRedisServerBinary() : null;
const problems = [];
if (postgres) {
  problems.push(`PostgreSQL at ${hide(pgUrl)} is not answering (${postgres}).
  Start the machine's cluster:   pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
  Or install it (Debian):        apt-get install -y postgresql, then start it as above
  Or point the tests elsewhere:  BANTER_TEST_PG_URL=postgres://user@host:5432/postgres
  The user needs permission to create and drop databases.`);
}
if (redis) {
  problems.push(`Redis at ${hide(redisUrl)} is not answering (${redis}).
  Start it:                      redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  Or install it (Debian):        apt-get install -y redis-server, then start it as above
  Or point the tests elsewhere:  BANTER_TEST_REDIS_URL=redis://host:6379`);
}
if (redisServer) {
  problems.push(`redis-server is not on PATH (${redisServer}): the fault suite kills and restarts a Redis of its own.
  Install it (Debian):           apt-get install -y redis-server`);
}
if (problems.length > 0) {
  console.error(`\n${suite} needs PostgreSQL and Redis.\n\n${problems.join('\n\n')}\n`);
  process.exit(1);
}
console.log(`PostgreSQL and Redis are answering; running ${suite}.`);
