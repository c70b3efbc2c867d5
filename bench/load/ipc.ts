/**
 * Messages between the parent (run.ts), the load workers and the server under
 * test. Every command carries an id that its reply repeats, so the parent can
 * wait for exactly the answer it asked for.
 */
import type { HistogramData } from './histogram';

export type Target = 'relay' | 'postgres' | 'pglite' | 'postgres+webhooks' | 'pglite+webhooks';
/** What a run measures unless told otherwise. */
export const targets: readonly Target[] = ['relay', 'postgres', 'pglite'];
/**
 * The same Banter servers with the `webhooks` option on, posting to a receiver in the parent
 * process: run beside their plain twin, the difference is what webhooks cost (issue #15).
 */
export const webhookTargets: readonly Target[] = ['postgres+webhooks', 'pglite+webhooks'];

/** The database behind a target: null for the relay. */
export function storeOf(target: Target): 'postgres' | 'pglite' | null {
  if (target === 'relay') return null;
  return target.startsWith('postgres') ? 'postgres' : 'pglite';
}

/** A conversation to set up: `members` includes `creator`. */
export interface GroupSpec {
  key: string;
  creator: string;
  members: string[];
}

export interface Membership {
  userId: string;
  conversationId: string;
}

export interface Sender {
  userId: string;
  conversationId: string;
}

export type LoadShape =
  | { kind: 'window'; window: number }
  | { kind: 'rate'; perSecond: number }
  | { kind: 'none' };

/** Times are µs on the shared monotonic clock (clock.ts). */
export interface RunPlan {
  senders: Sender[];
  load: LoadShape;
  startAtUs: number;
  windowStartUs: number;
  windowEndUs: number;
  drainMs: number;
}

/** A worker holds clients of several servers at once, one set per target. */
export type WorkerRequest =
  | { type: 'connect'; url: string; target: Target; userIds: string[] }
  | { type: 'create'; target: Target; groups: GroupSpec[] }
  | { type: 'join'; target: Target; memberships: Membership[] }
  | { type: 'run'; target: Target; plan: RunPlan }
  | { type: 'disconnect'; target: Target };
export type WorkerCommand = WorkerRequest & { id: number };

export interface WorkerResult {
  /** Sends started inside the window. */
  sent: number;
  /** Acks and deliveries that arrived inside the window. */
  acked: number;
  delivered: number;
  /** Failed acks by error code; sends still unanswered after the drain. */
  errors: Record<string, number>;
  unanswered: number;
  /** Latencies of the messages sent inside the window, however late they arrived. */
  ackUs: HistogramData;
  deliveryUs: HistogramData;
  /** This worker's own CPU time in the window, and its event-loop delay: is the load generator the limit? */
  cpuUs: number;
  loopDelayP99Us: number;
}

export type WorkerReply =
  | { type: 'ready' }
  | { id: number; type: 'done' }
  | { id: number; type: 'created'; conversationIds: Record<string, string> }
  | { id: number; type: 'result'; result: WorkerResult }
  | { id: number; type: 'failed'; message: string };

/** Asked of the server under test. */
export type ServerRequest =
  | { type: 'stats'; gc: boolean }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; path: string }
  | { type: 'heap-snapshot'; path: string }
  | { type: 'stop' };
export type ServerCommand = ServerRequest & { id: number };

/** CPU time is read from /proc by the parent instead: a busy server answers late. */
export interface ServerStats {
  rss: number;
  /**
   * Memory V8 holds for its young generation. Empty after a forced GC, but
   * V8 grows it from 1 to 16 MB per semi-space when a burst of allocation
   * (2,000 handshakes) comes and keeps it: alone it moved RSS per
   * connection by 16 KB between identical runs.
   */
  youngGeneration: number;
  heapUsed: number;
  /** Buffers outside the V8 heap: socket buffers live here. */
  external: number;
  /** The longest the event loop was blocked since the previous reading. */
  loopDelayMaxMs: number;
}

export type ServerReply =
  | { type: 'ready'; port: number }
  | { id: number; type: 'stats'; stats: ServerStats }
  | { id: number; type: 'done' }
  | { id: number; type: 'stopped' };
