/**
 * What the memory of N connections is made of: two heap snapshots of a
 * server (written by `run.ts --heap-snapshot DIR`, before and after its
 * clients connected) compared by kind of object, in bytes per connection.
 *
 *   npx tsx bench/load/heap-diff.ts BEFORE.heapsnapshot AFTER.heapsnapshot --connections 2000 [--top 30]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Named kinds (objects by constructor, closures by function, arrays by role) are kept apart; strings and code are pooled by type. */
const named = new Set(['object', 'closure', 'native', 'array', 'hidden']);

function totals(file: string): Map<string, { bytes: number; count: number }> {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const types = data.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const out = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < data.nodes.length; i += width) {
    const type = types[data.nodes[i + typeAt] ?? 0] ?? '?';
    const key = named.has(type)
      ? `${type} ${data.strings[data.nodes[i + nameAt] ?? 0] ?? '?'}`
      : `(${type})`;
    const entry = out.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += data.nodes[i + sizeAt] ?? 0;
    entry.count += 1;
    out.set(key, entry);
  }
  return out;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { connections: { type: 'string' }, top: { type: 'string', default: '30' } },
});
const [beforeFile, afterFile] = positionals;
const connections = Number(values.connections);
if (!beforeFile || !afterFile || !(connections > 0)) {
  throw new Error('usage: heap-diff.ts BEFORE AFTER --connections N [--top 30]');
}
const before = totals(beforeFile);
const after = totals(afterFile);
const rows = [...after].map(([key, a]) => {
  const b = before.get(key) ?? { bytes: 0, count: 0 };
  return {
    key,
    bytes: (a.bytes - b.bytes) / connections,
    count: (a.count - b.count) / connections,
  };
});
const total = rows.reduce((sum, row) => sum + row.bytes, 0);
console.log(`${(total / 1024).toFixed(1)} KB of V8 heap per connection`);
for (const row of rows.sort((x, y) => y.bytes - x.bytes).slice(0, Number(values.top))) {
  console.log(
    `${row.bytes.toFixed(0).padStart(7)} B  ${row.count.toFixed(1).padStart(6)} objects  ${row.key}`,
  );
}
