/**
 * Where a server's CPU time went in a timed window, from a V8 profile written
 * by `run.ts --cpu-prof DIR`: self time by package (or repository folder) and
 * by function, the biggest first. Idle time (the event loop waiting) is
 * listed too, so the shares add up to the window. `(writev)` and `(read)`
 * are the system calls that send to and read from sockets.
 *
 *   npx tsx bench/load/profile-summary.ts FILE.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [--top 25]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(values.top);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
let totalUs = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  totalUs += delta;
});

/** node_modules/<package>, a folder of this repository, or V8's own categories. */
function area(url: string, name: string): string {
  if (url === '') return `(${name || 'native'})`;
  const inModules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inModules?.[1]) return inModules[1];
  if (url.startsWith('node:')) return url;
  const inRepo = url.match(/\/(packages\/[^/]+\/src\/[^/]+|bench\/[^/]+)/);
  return inRepo?.[1] ?? url;
}

const areas = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  const where = area(frame.url, frame.functionName);
  areas.set(where, (areas.get(where) ?? 0) + us);
  const short = frame.url.split('/').slice(-2).join('/');
  const fn = `${frame.functionName || '(anonymous)'} ${short}:${frame.lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + us);
}

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((us / totalUs) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
  }
};
console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s profiled`);
print('self time by area', areas);
print('self time by function', functions);
