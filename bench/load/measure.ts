/**
 * One scenario against every target. The servers (one per target, each with
 * fresh storage) stay up for the whole scenario, and the runs go round the
 * targets in turn, so a Banter figure and the relay's figure it is divided
 * by are taken seconds apart.
 *
 * Setup, once per target: connect every client, create the conversations,
 * join them, disconnect. Then each run, for each target:
 * 1. Wait until the server is quiet, force a GC, read its memory: the
 *    baseline, with the server warmed up and its conversations stored.
 * 2. Connect every client, wait until quiet, force a GC, read its memory:
 *    the difference over the clients is what one connection costs.
 * 3. Unless the scenario is idle: warm-up, then the timed window, with CPU
 *    time read at both ends of it.
 * 4. Disconnect every client.
 */
import { nowUs, sleep } from './clock';
import { backendPids, commitCount } from './database';
import type { Membership, Target } from './ipc';
import { type Measurement, type Sample, summarize } from './measurement';
import { machineCpu, pidsCpuUs, postgresCpuUs, processCpuUs } from './proc-cpu';
import { type Layout, layout, type Scenario } from './scenarios';
import { type ServerHandle, type ServerOptions, startServer } from './server-process';
import type { WorkerPool } from './worker-pool';

export interface Timing {
  warmupMs: number;
  durationMs: number;
  drainMs: number;
}

export interface ScenarioContext {
  pool: WorkerPool;
  timing: Timing;
  runs: number;
  serverOptions: ServerOptions;
  /** Profile each server's CPU over each timed window into this folder. */
  cpuProfDir: string | undefined;
  /** Write heap snapshots of each server, before and after its clients connect, into this folder. */
  heapSnapshotDir: string | undefined;
  /** Called with each measurement as it is taken. */
  onMeasurement: (m: Measurement, elapsedMs: number) => void;
  log: (line: string) => void;
}

const stepTimeoutMs = 180_000;
/**
 * V8 and malloc size their own heaps in steps of megabytes, so between two
 * identical runs a server's RSS moves by several MB: at 100 or 200
 * connections that swamps the few KB each one costs. The V8 heap figure,
 * which is exact, is reported for every scenario.
 */
const minClientsForRss = 1_000;

/** A server with its clients' conversations set up. */
interface Prepared {
  target: Target;
  server: ServerHandle;
  memberships: Membership[];
  senders: { userId: string; conversationId: string }[];
}

export async function measureScenario(
  s: Scenario,
  targets: readonly Target[],
  context: ScenarioContext,
): Promise<Measurement[]> {
  const plan = layout(s);
  const started = Date.now();
  const servers: ServerHandle[] = [];
  try {
    const prepared: Prepared[] = [];
    for (const target of targets) {
      const server = await startServer(target, context.serverOptions);
      servers.push(server);
      prepared.push(await prepare(server, plan, context.pool));
      context.log(`${target}: server started and set up (${Date.now() - started} ms)`);
    }
    const measurements: Measurement[] = [];
    for (let run = 1; run <= context.runs; run++) {
      // Every other run in reverse, so that no target always follows the same neighbour.
      for (const p of run % 2 === 1 ? prepared : [...prepared].reverse()) {
        const m = await measureRun(s, p, run, context);
        measurements.push(m);
        context.onMeasurement(m, Date.now() - started);
      }
    }
    return measurements;
  } finally {
    await Promise.allSettled(servers.map((server) => server.stop()));
  }
}

/** Deals each item to the worker that holds its user's client. */
function dealer(plan: Layout, pool: WorkerPool) {
  const index = new Map(plan.userIds.map((userId, i) => [userId, i]));
  return <T>(items: readonly T[], user: (item: T) => string, worker: number) =>
    items.filter((item) => pool.workerOf(index.get(user(item)) ?? 0) === worker);
}

async function prepare(server: ServerHandle, plan: Layout, pool: WorkerPool): Promise<Prepared> {
  const { target } = server;
  const mine = dealer(plan, pool);
  await pool.each(
    (w) => ({ type: 'connect', url: server.url, target, userIds: mine(plan.userIds, (u) => u, w) }),
    stepTimeoutMs,
  );
  const created = await pool.each(
    (w) => ({ type: 'create', target, groups: mine(plan.groups, (g) => g.creator, w) }),
    stepTimeoutMs,
  );
  const ids = new Map<string, string>();
  for (const reply of created) {
    if (reply.type !== 'created') continue;
    for (const [key, id] of Object.entries(reply.conversationIds)) ids.set(key, id);
  }
  const idOf = (key: string) => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`conversation ${key} was not created`);
    return id;
  };
  const memberships = plan.groups.flatMap((g) =>
    g.members.map((userId) => ({ userId, conversationId: idOf(g.key) })),
  );
  await joinAll(pool, plan, target, memberships);
  await pool.each(() => ({ type: 'disconnect', target }), stepTimeoutMs);
  const senders = plan.senders.map(({ userId, key }) => ({ userId, conversationId: idOf(key) }));
  return { target, server, memberships, senders };
}

function joinAll(pool: WorkerPool, plan: Layout, target: Target, memberships: Membership[]) {
  const mine = dealer(plan, pool);
  return pool.each(
    (w) => ({ type: 'join', target, memberships: mine(memberships, (m) => m.userId, w) }),
    stepTimeoutMs,
  );
}

async function measureRun(
  s: Scenario,
  p: Prepared,
  run: number,
  context: ScenarioContext,
): Promise<Measurement> {
  const { pool, timing } = context;
  const { server, target } = p;
  const plan = layout(s);
  const mine = dealer(plan, pool);

  await quiet(server);
  const baseline = await server.stats(true);
  const snapshot = (when: string) =>
    context.heapSnapshotDir
      ? server.heapSnapshot(
          `${context.heapSnapshotDir}/${s.name}-${target}-run${run}-${when}.heapsnapshot`,
        )
      : Promise.resolve();
  // Taken after the reading, so the snapshot's own garbage does not count.
  await snapshot('before');
  await pool.each(
    (w) => ({ type: 'connect', url: server.url, target, userIds: mine(plan.userIds, (u) => u, w) }),
    stepTimeoutMs,
  );
  // Banter puts a socket in its rooms before `session`; the relay has to be asked.
  if (target === 'relay') await joinAll(pool, plan, target, p.memberships);
  await quiet(server);
  const connected = await server.stats(true);
  await snapshot('after');

  const measurement: Measurement = {
    scenario: s.name,
    target,
    run,
    clients: s.clients,
    ackedPerSec: null,
    deliveredPerSec: null,
    ack: null,
    delivery: null,
    serverCpu: null,
    postgresCpu: null,
    databaseCpu: null,
    loadGeneratorCpu: null,
    machineCpu: null,
    stealCpu: null,
    otherCpu: null,
    loopDelayP99Ms: null,
    serverLoopStallMs: null,
    rssPerConnection:
      s.clients >= minClientsForRss
        ? (connected.rss - connected.youngGeneration - (baseline.rss - baseline.youngGeneration)) /
          s.clients
        : null,
    rawRssPerConnection: (connected.rss - baseline.rss) / s.clients,
    externalPerConnection: (connected.external - baseline.external) / s.clients,
    heapPerConnection: (connected.heapUsed - baseline.heapUsed) / s.clients,
    idleRss: baseline.rss,
    commitsPerAck: null,
    errors: {},
    unanswered: 0,
  };
  if (s.load.kind !== 'none') {
    const startAtUs = nowUs() + 300_000;
    const windowStartUs = startAtUs + timing.warmupMs * 1000;
    const windowEndUs = windowStartUs + timing.durationMs * 1000;
    const sample = async (atUs: number): Promise<Sample> => {
      await sleep(Math.max(0, (atUs - nowUs()) / 1000));
      const pids = server.database ? await backendPids(server.database) : [];
      const takenUs = nowUs();
      const machine = machineCpu();
      const serverCpuUs = processCpuUs(server.pid);
      const postgres = postgresCpuUs();
      const databaseCpuUs = new Map(pids.map((pid) => [pid, pidsCpuUs([pid])]));
      const [stats, commits] = await Promise.all([
        server.stats(false),
        server.database ? commitCount(server.database) : Promise.resolve(0),
      ]);
      return {
        atUs: takenUs,
        server: stats,
        serverCpuUs,
        postgresCpuUs: postgres,
        databaseCpuUs,
        machine,
        commits,
      };
    };
    const { cpuProfDir } = context;
    const profiled = async (taken: Promise<Sample>, then: () => Promise<void>) => {
      const result = await taken;
      if (cpuProfDir) await then();
      return result;
    };
    const profilePath = `${cpuProfDir}/${s.name}-${target}-run${run}.cpuprofile`;
    const samples = Promise.all([
      profiled(sample(windowStartUs), () => server.profileStart()),
      profiled(sample(windowEndUs), () => server.profileStop(profilePath)),
    ]);
    const replies = await pool.each(
      (w) => ({
        type: 'run',
        target,
        plan: {
          senders: mine(p.senders, (x) => x.userId, w),
          load: s.load,
          startAtUs,
          windowStartUs,
          windowEndUs,
          drainMs: timing.drainMs,
        },
      }),
      stepTimeoutMs,
    );
    const [first, last] = await samples;
    const results = replies.flatMap((reply) => (reply.type === 'result' ? [reply.result] : []));
    Object.assign(measurement, summarize(results, timing.durationMs, first, last, target));
  }
  await pool.each(() => ({ type: 'disconnect', target }), stepTimeoutMs);
  return measurement;
}

/**
 * Waits until the server (and its PostgreSQL database's backends) has had nothing
 * to do for a moment, so a memory reading does not catch half-finished work
 * (Banter records last-seen times and announces presence after a connect or
 * a close). Bounded: a server that never settles is measured after 20 s.
 */
async function quiet(server: ServerHandle) {
  const deadline = nowUs() + 20_000_000;
  // The server's own database only: on a shared PostgreSQL, other databases' work never settles.
  const pids = server.database ? await backendPids(server.database) : [];
  const read = () => ({ at: nowUs(), server: processCpuUs(server.pid), postgres: pidsCpuUs(pids) });
  let before = read();
  while (nowUs() < deadline) {
    await sleep(250);
    const after = read();
    const elapsed = after.at - before.at;
    const serverBusy = (after.server - before.server) / elapsed;
    const postgresBusy = server.database ? (after.postgres - before.postgres) / elapsed : 0;
    if (serverBusy < 0.05 && postgresBusy < 0.05) return;
    before = after;
  }
}
