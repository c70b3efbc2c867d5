/**
 * A per-statement account of one database's work between two readings, for a PostgreSQL that
 * loads `pg_stat_statements` (with `pg_stat_statements.track = all`, so statements run inside
 * trigger functions are listed too, and `track_planning = on` for planning time) and tracks
 * functions (`track_functions = all`). The machine's shared PostgreSQL loads neither: start a
 * private cluster for this (docs/benchmarks.md, "Webhooks on the send path", says how) and point
 * the bench at it with BANTER_TEST_PG_URL.
 *
 * Also read: the database's backends (with when each started, so one that started in between,
 * counted whole by the CPU figure, shows), its tables' row counts written and vacuum counts, the
 * functions' times, and WAL written by its statements (`pg_stat_statements.wal_bytes`).
 */
import pg from 'pg';

const adminUrl = process.env.BANTER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface StatementRow {
  queryid: string;
  toplevel: boolean;
  query: string;
  calls: number;
  plans: number;
  exec_ms: number;
  plan_ms: number;
  rows: number;
  wal_bytes: number;
  wal_fpi: number;
  shared_hit: number;
  shared_read: number;
  shared_dirtied: number;
}

interface TableRow {
  relname: string;
  n_tup_ins: number;
  n_tup_upd: number;
  n_tup_hot_upd: number;
  n_tup_del: number;
  seq_scan: number;
  idx_scan: number;
  vacuums: number;
}

export interface StatementsReading {
  statements: Map<string, StatementRow>;
  tables: Map<string, TableRow>;
  functions: Map<string, { calls: number; self_ms: number; total_ms: number }>;
  backends: Map<number, { started: string; application: string | null }>;
}

async function withClient<T>(database: string, fn: (client: pg.Client) => Promise<T>) {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Reads everything the account needs for one database (from the admin database and from it). */
export async function readStatements(database: string): Promise<StatementsReading> {
  const statements = await withClient(new URL(adminUrl).pathname.slice(1), async (client) => {
    const result = await client.query<StatementRow>(
      `SELECT s.queryid::text, s.toplevel, s.query, s.calls::float8 AS calls, s.plans::float8 AS plans,
         s.total_exec_time AS exec_ms, s.total_plan_time AS plan_ms, s.rows::float8 AS rows,
         s.wal_bytes::float8 AS wal_bytes, s.wal_fpi::float8 AS wal_fpi, s.shared_blks_hit::float8 AS shared_hit,
         s.shared_blks_read::float8 AS shared_read, s.shared_blks_dirtied::float8 AS shared_dirtied
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1`,
      [database],
    );
    return new Map(result.rows.map((row) => [`${row.queryid}:${row.toplevel}`, row]));
  });
  return withClient(database, async (client) => {
    const tables = await client.query<TableRow>(
      `SELECT relname, n_tup_ins::float8 AS n_tup_ins, n_tup_upd::float8 AS n_tup_upd,
         n_tup_hot_upd::float8 AS n_tup_hot_upd, n_tup_del::float8 AS n_tup_del,
         coalesce(seq_scan, 0)::float8 AS seq_scan, coalesce(idx_scan, 0)::float8 AS idx_scan,
         (vacuum_count + autovacuum_count + analyze_count + autoanalyze_count)::float8 AS vacuums
       FROM pg_stat_user_tables`,
    );
    const functions = await client.query<{
      name: string;
      calls: number;
      self_ms: number;
      total_ms: number;
    }>(
      `SELECT funcname AS name, calls::float8 AS calls, self_time AS self_ms, total_time AS total_ms
       FROM pg_stat_user_functions`,
    );
    const backends = await client.query<{
      pid: number;
      started: string;
      application: string | null;
    }>(
      `SELECT pid, backend_start::text AS started, backend_type AS application
       FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
    return {
      statements,
      tables: new Map(tables.rows.map((row) => [row.relname, row])),
      functions: new Map(functions.rows.map((row) => [row.name, row])),
      backends: new Map(backends.rows.map((row) => [row.pid, row])),
    };
  });
}

/** What happened between two readings, per message, as printable lines. */
export function statementsAccount(
  label: string,
  before: StatementsReading,
  after: StatementsReading,
  messages: number,
  top = 12,
): string {
  const lines: string[] = [];
  const per = (x: number) => (x / messages) * 1000; // µs (from ms) per message
  const diffs = [...after.statements.values()]
    .map((row) => {
      const was = before.statements.get(`${row.queryid}:${row.toplevel}`);
      return {
        row,
        calls: row.calls - (was?.calls ?? 0),
        exec: row.exec_ms - (was?.exec_ms ?? 0),
        plan: row.plan_ms - (was?.plan_ms ?? 0),
        wal: row.wal_bytes - (was?.wal_bytes ?? 0),
        fpi: row.wal_fpi - (was?.wal_fpi ?? 0),
        dirtied: row.shared_dirtied - (was?.shared_dirtied ?? 0),
      };
    })
    .filter((d) => d.calls > 0);
  const topLevel = diffs.filter((d) => d.row.toplevel);
  const sum = (xs: typeof diffs, pick: (d: (typeof diffs)[number]) => number) =>
    xs.reduce((total, d) => total + pick(d), 0);
  lines.push(
    `${label}: top-level statements ${per(sum(topLevel, (d) => d.exec)).toFixed(1)} µs exec + ` +
      `${per(sum(topLevel, (d) => d.plan)).toFixed(1)} µs plan a message, ` +
      `${(sum(topLevel, (d) => d.calls) / messages).toFixed(3)} calls a message, ` +
      `WAL ${(sum(topLevel, (d) => d.wal) / messages).toFixed(0)} B a message ` +
      `(${sum(topLevel, (d) => d.fpi)} full-page images)`,
  );
  for (const d of diffs.sort((a, b) => b.exec + b.plan - (a.exec + a.plan)).slice(0, top)) {
    const text = d.row.query.replace(/\s+/g, ' ').slice(0, 110);
    lines.push(
      `  ${d.row.toplevel ? 'top ' : 'nest'} ${per(d.exec).toFixed(2).padStart(7)} exec ${per(
        d.plan,
      )
        .toFixed(2)
        .padStart(6)} plan µs/msg, ${(d.calls / messages).toFixed(3).padStart(6)} calls/msg, ` +
        `${(d.exec / d.calls).toFixed(3)} ms/call, WAL ${(d.wal / messages).toFixed(0)} B/msg: ${text}`,
    );
  }
  for (const [name, row] of after.tables) {
    const was = before.tables.get(name);
    const d = (pick: (t: TableRow) => number) => pick(row) - (was ? pick(was) : 0);
    const written = d((t) => t.n_tup_ins) + d((t) => t.n_tup_upd) + d((t) => t.n_tup_del);
    if (written === 0 && d((t) => t.vacuums) === 0) continue;
    lines.push(
      `  table ${name}: ins ${d((t) => t.n_tup_ins)}, upd ${d((t) => t.n_tup_upd)} (hot ${d(
        (t) => t.n_tup_hot_upd,
      )}), del ${d((t) => t.n_tup_del)}, seq scans ${d((t) => t.seq_scan)}, idx scans ${d(
        (t) => t.idx_scan,
      )}, vacuums/analyzes ${d((t) => t.vacuums)}`,
    );
  }
  for (const [name, row] of after.functions) {
    const was = before.functions.get(name);
    const calls = row.calls - (was?.calls ?? 0);
    if (!calls) continue;
    lines.push(
      `  function ${name}: ${calls} calls, self ${per(row.self_ms - (was?.self_ms ?? 0)).toFixed(
        2,
      )} µs/msg, total ${per(row.total_ms - (was?.total_ms ?? 0)).toFixed(2)} µs/msg`,
    );
  }
  const started = [...after.backends.keys()].filter((pid) => !before.backends.has(pid));
  const ended = [...before.backends.keys()].filter((pid) => !after.backends.has(pid));
  lines.push(
    `  backends: ${before.backends.size} before, ${after.backends.size} after, ` +
      `started in between ${started.length}, ended in between ${ended.length}`,
  );
  return lines.join('\n');
}
