/**
 * What one run of one scenario against one target measured, and how the
 * workers' results and the readings at both ends of the window become it.
 */
import { Histogram } from './histogram';
import { type ServerStats, storeOf, type Target, type WorkerResult } from './ipc';
import type { MachineCpu } from './proc-cpu';

export interface Quantiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface Measurement {
  scenario: string;
  target: Target;
  run: number;
  clients: number;
  ackedPerSec: number | null;
  deliveredPerSec: number | null;
  /** Milliseconds. */
  ack: Quantiles | null;
  delivery: Quantiles | null;
  /** Percent of one core over the window. */
  serverCpu: number | null;
  postgresCpu: number | null;
  /**
   * The PostgreSQL backends of the server's own database only (its pool, and an autovacuum
   * worker alive at the end of the window): not charged with other databases' work, nor with
   * the WAL writer and checkpointer, which every database shares.
   */
  databaseCpu: number | null;
  loadGeneratorCpu: number | null;
  /** All cores together, in percent of one core (200% is the whole of two), and the hypervisor's steal. */
  machineCpu: number | null;
  stealCpu: number | null;
  /**
   * Machine CPU that none of the measured processes used: the kernel's
   * loopback networking that is not charged to a process, and anything else
   * running on the machine (a busy neighbour makes this large).
   */
  otherCpu: number | null;
  loopDelayP99Ms: number | null;
  /** The longest the server's event loop was blocked during the window. */
  serverLoopStallMs: number | null;
  /**
   * Bytes per connection: RSS less V8's young generation (see ServerStats),
   * only where there are enough connections to rise above the noise; the
   * plain RSS difference too, for reference.
   */
  rssPerConnection: number | null;
  rawRssPerConnection: number;
  /** Memory outside the V8 heap that V8 knows of: buffers, and PGlite's WebAssembly memory. */
  externalPerConnection: number;
  heapPerConnection: number;
  /** The server's RSS with no client connected (its conversations stored, after a GC), children included. */
  idleRss: number;
  commitsPerAck: number | null;
  errors: Record<string, number>;
  unanswered: number;
}

/** Readings taken by the parent at one end of the timed window. */
export interface Sample {
  atUs: number;
  server: ServerStats;
  serverCpuUs: number;
  postgresCpuUs: number;
  /** CPU µs of each backend of the server's database (empty for PGlite and the relay). */
  databaseCpuUs: Map<number, number>;
  machine: MachineCpu;
  commits: number;
}

export function summarize(
  results: WorkerResult[],
  durationMs: number,
  first: Sample,
  last: Sample,
  target: Target,
): Partial<Measurement> {
  const ack = new Histogram();
  const delivery = new Histogram();
  const errors: Record<string, number> = {};
  let acked = 0;
  let delivered = 0;
  let loadCpuUs = 0;
  let loopDelayUs = 0;
  let unanswered = 0;
  for (const r of results) {
    ack.merge(r.ackUs);
    delivery.merge(r.deliveryUs);
    acked += r.acked;
    delivered += r.delivered;
    loadCpuUs += r.cpuUs;
    loopDelayUs = Math.max(loopDelayUs, r.loopDelayP99Us);
    unanswered += r.unanswered;
    for (const [code, count] of Object.entries(r.errors))
      errors[code] = (errors[code] ?? 0) + count;
  }
  const quantiles = (h: Histogram): Quantiles | null =>
    h.count === 0
      ? null
      : { p50: h.quantile(0.5) / 1000, p95: h.quantile(0.95) / 1000, p99: h.quantile(0.99) / 1000 };
  const elapsedUs = last.atUs - first.atUs;
  const seconds = durationMs / 1000;
  const serverCpu = ((last.serverCpuUs - first.serverCpuUs) / elapsedUs) * 100;
  const postgresCpu = ((last.postgresCpuUs - first.postgresCpuUs) / elapsedUs) * 100;
  // A backend that started inside the window counts whole; one that ended inside it is lost.
  let databaseUs = 0;
  for (const [pid, us] of last.databaseCpuUs)
    databaseUs += us - (first.databaseCpuUs.get(pid) ?? 0);
  const postgres = storeOf(target) === 'postgres';
  const loadGeneratorCpu = (loadCpuUs / (durationMs * 1000)) * 100;
  const machine = ((last.machine.busyUs - first.machine.busyUs) / elapsedUs) * 100;
  return {
    ackedPerSec: acked / seconds,
    deliveredPerSec: delivered / seconds,
    ack: quantiles(ack),
    delivery: quantiles(delivery),
    serverCpu,
    postgresCpu: postgres ? postgresCpu : null,
    databaseCpu: postgres ? (databaseUs / elapsedUs) * 100 : null,
    loadGeneratorCpu,
    machineCpu: machine,
    stealCpu: ((last.machine.stealUs - first.machine.stealUs) / elapsedUs) * 100,
    otherCpu: machine - serverCpu - loadGeneratorCpu - (postgres ? postgresCpu : 0),
    loopDelayP99Ms: loopDelayUs / 1000,
    // The first reading covers the warm-up: a server that stalls may answer it only inside the window.
    serverLoopStallMs: Math.max(first.server.loopDelayMaxMs, last.server.loopDelayMaxMs),
    commitsPerAck: postgres && acked > 0 ? (last.commits - first.commits) / acked : null,
    errors,
    unanswered,
  };
}
