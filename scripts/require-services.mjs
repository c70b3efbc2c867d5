// Preflight for `npm run test:services`: these tests need a real PostgreSQL.
// When it is not answering, say how to get it instead of letting every test time out.
import pg from 'pg';

const url = process.env.BANTER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function checkPostgres() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
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

const problem = await checkPostgres();
if (problem) {
  console.error(`
test:services needs PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//…@')}, and it is not answering (${problem}).

  Start the machine's cluster:   pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
  Or install it (Debian):        apt-get install -y postgresql && pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
  Or point the tests elsewhere:  BANTER_TEST_PG_URL=postgres://user@host:5432/postgres npm run test:services

The user needs permission to create and drop databases.
`);
  process.exit(1);
}
console.log('PostgreSQL is answering; running the services tests.');
