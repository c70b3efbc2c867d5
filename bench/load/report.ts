/**
 * Turns measurements into the tables and the target verdicts: medians over
 * runs, and Banter/relay ratios taken run by run (the two were measured
 * minutes apart at most, on the same machine) before their median is taken.
 */
import type { Target } from './ipc';
import type { Measurement, Quantiles } from './measurement';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function medianOf(ms: Measurement[], pick: (m: Measurement) => number | null | undefined) {
  const values = ms.map(pick).filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
  return values.length === 0 ? null : median(values);
}

const num = (v: number | null, digits = 0) =>
  v === null
    ? '–'
    : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (v: number | null) => (v === null ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const pct = (v: number | null) => (v === null ? '–' : `${v.toFixed(0)}%`);
const kb = (v: number | null) => (v === null ? '–' : `${(v / 1024).toFixed(1)} KB`);

function quantiles(ms_: Measurement[], pick: (m: Measurement) => Quantiles | null) {
  return ['p50', 'p95', 'p99']
    .map((q) => ms(medianOf(ms_, (m) => pick(m)?.[q as keyof Quantiles])))
    .join(' / ');
}

function errorsOf(list: Measurement[]): string {
  const total: Record<string, number> = {};
  let unanswered = 0;
  for (const m of list) {
    unanswered += m.unanswered;
    for (const [code, count] of Object.entries(m.errors)) total[code] = (total[code] ?? 0) + count;
  }
  const parts = Object.entries(total).map(([code, count]) => `${code} ${count}`);
  if (unanswered > 0) parts.push(`unanswered ${unanswered}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** Two markdown tables, a row per target, each cell the median over runs: the traffic, then what it cost. */
export function scenarioTables(list: Measurement[], targets: readonly Target[]): string {
  const rows = (cells: (m: Measurement[]) => string[]) =>
    targets.map((target) => {
      const m = list.filter((x) => x.target === target);
      return `| ${[target, ...cells(m)].join(' | ')} |`;
    });
  const traffic = [
    '| target | acked msg/s | delivered msg/s | ack p50 / p95 / p99 ms | delivery p50 / p95 / p99 ms | errors |',
    `|${'---|'.repeat(6)}`,
    ...rows((m) => [
      num(medianOf(m, (x) => x.ackedPerSec)),
      num(medianOf(m, (x) => x.deliveredPerSec)),
      quantiles(m, (x) => x.ack),
      quantiles(m, (x) => x.delivery),
      errorsOf(m),
    ]),
  ];
  const cost = [
    '| target | server CPU | PostgreSQL CPU | load-gen CPU | other CPU | server loop stall (max) | RSS / conn | V8 heap / conn |',
    `|${'---|'.repeat(8)}`,
    ...rows((m) => [
      pct(medianOf(m, (x) => x.serverCpu)),
      pct(medianOf(m, (x) => x.postgresCpu)),
      pct(medianOf(m, (x) => x.loadGeneratorCpu)),
      pct(medianOf(m, (x) => x.otherCpu)),
      m.some((x) => x.serverLoopStallMs !== null)
        ? `${ms(medianOf(m, (x) => x.serverLoopStallMs))} ms`
        : '–',
      kb(medianOf(m, (x) => x.rssPerConnection)),
      kb(medianOf(m, (x) => x.heapPerConnection)),
    ]),
  ];
  return `${traffic.join('\n')}\n\n${cost.join('\n')}`;
}

/** Every run's figure for one metric, to show the spread behind a median. */
export function perRun(
  list: Measurement[],
  targets: readonly Target[],
  label: string,
  pick: (m: Measurement) => number | null,
  format: (v: number | null) => string,
): string {
  const parts = targets.map((target) => {
    const values = list.filter((m) => m.target === target).map((m) => format(pick(m)));
    return `${target} ${values.join(', ')}`;
  });
  return `${label} per run: ${parts.join('; ')}`;
}

export interface Verdict {
  target: string;
  measured: string;
  pass: boolean | null;
}

/** Ratios of Banter to the relay taken within each run, then their median. */
function ratio(
  list: Measurement[],
  target: Target,
  pick: (m: Measurement) => number | null,
): { median: number | null; runs: number[] } {
  const runs: number[] = [];
  for (const banter of list.filter((m) => m.target === target)) {
    const relay = list.find((m) => m.target === 'relay' && m.run === banter.run);
    const a = pick(banter);
    const b = relay ? pick(relay) : null;
    if (a !== null && b !== null && b !== 0) runs.push(a / b);
  }
  return { median: runs.length === 0 ? null : median(runs), runs };
}

const runsText = (runs: number[], digits = 2) => runs.map((r) => r.toFixed(digits)).join(', ');

export function verdicts(all: Measurement[], banterTargets: readonly Target[]): Verdict[] {
  const out: Verdict[] = [];
  for (const target of banterTargets) {
    const window = all.filter((m) => m.scenario === 'window');
    if (window.some((m) => m.target === target)) {
      const r = ratio(window, target, (m) => m.ackedPerSec);
      out.push({
        target: `${target}: saturated throughput (window) ≥ 30% of the relay's`,
        measured:
          r.median === null
            ? 'no relay run'
            : `${(r.median * 100).toFixed(0)}% (runs: ${runsText(r.runs)})`,
        pass: r.median === null ? null : r.median >= 0.3,
      });
    }
    const rooms = all.filter((m) => m.scenario === 'rooms' && m.target === target);
    if (rooms.length > 0) {
      const p99s = rooms.map((m) => m.delivery?.p99 ?? Number.NaN);
      const p99 = median(p99s);
      out.push({
        target: `${target}: 1,000 clients × 1 msg/s, delivery p99 < 10 ms`,
        measured: `${ms(p99)} ms (runs: ${p99s.map((v) => ms(v)).join(', ')})`,
        pass: Number.isNaN(p99) ? null : p99 < 10,
      });
    }
    const idle = all.filter((m) => m.scenario === 'idle');
    if (idle.some((m) => m.target === target)) {
      const r = ratio(idle, target, (m) => m.rssPerConnection);
      out.push({
        target: `${target}: memory per idle connection ≤ 1.5× the relay's`,
        measured:
          r.median === null
            ? 'no relay run'
            : `${r.median.toFixed(2)}× (runs: ${runsText(r.runs)})`,
        pass: r.median === null ? null : r.median <= 1.5,
      });
    }
  }
  return out;
}

/**
 * CPU per acknowledged message of each Banter target with and without webhooks, measured in
 * the same runs: the server process (every thread, PGlite's worker included) plus, on
 * PostgreSQL, the backends of its own database. The ratio is taken run by run, then its median.
 */
export function webhookCostTable(all: Measurement[]): string | null {
  const cpuPerMessage = (m: Measurement) =>
    m.serverCpu === null || !m.ackedPerSec
      ? null
      : (((m.serverCpu + (m.databaseCpu ?? 0)) / 100) * 1e6) / m.ackedPerSec;
  const rows: string[] = [];
  for (const store of ['postgres', 'pglite'] as const) {
    const on = all.filter((m) => m.target === `${store}+webhooks`);
    if (on.length === 0) continue;
    const ratios: number[] = [];
    const perRun: string[] = [];
    for (const withHooks of on) {
      const without = all.find(
        (m) => m.target === store && m.run === withHooks.run && m.scenario === withHooks.scenario,
      );
      const a = cpuPerMessage(withHooks);
      const b = without ? cpuPerMessage(without) : null;
      if (a === null || b === null) continue;
      ratios.push(a / b);
      perRun.push(`${b.toFixed(0)} → ${a.toFixed(0)}`);
    }
    const off = medianOf(
      all.filter((m) => m.target === store),
      cpuPerMessage,
    );
    rows.push(
      `| ${store} | ${num(off)} µs | ${num(medianOf(on, cpuPerMessage))} µs | ${ratios.length ? median(ratios).toFixed(3) : '–'} | ${runsText(ratios, 3)} | ${perRun.join(', ')} |`,
    );
  }
  if (rows.length === 0) return null;
  return [
    '| store | CPU/message without webhooks | with webhooks | ratio (median of runs) | per run | µs per run, without → with |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function verdictTable(list: Verdict[]): string {
  const rows = list.map(
    (v) => `| ${v.target} | ${v.measured} | ${v.pass === null ? '–' : v.pass ? 'pass' : 'FAIL'} |`,
  );
  return ['| target | measured (median) | result |', '|---|---|---|', ...rows].join('\n');
}

export { kb, ms, num };
