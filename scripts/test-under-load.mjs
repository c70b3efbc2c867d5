#!/usr/bin/env node
// Runs `npm test` several times in a row while stress-ng keeps every core busy, and
// reports each run. Tests that hold only on an idle machine (a fixed sleep standing in
// for "the other side has answered") fail here, where they would fail on a busy laptop
// or a shared CI runner.
//
// Usage: npm run test:under-load [-- --runs 3 --cpu <workers> -- <arguments for npm test>]
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    // One busy worker per core: the tests get only what the scheduler spares them.
    cpu: { type: 'string', default: String(availableParallelism()) },
  },
  allowPositionals: true,
});
const runs = Number(values.runs);
const workers = Number(values.cpu);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(workers) || workers < 1) {
  console.error('usage: test-under-load.mjs [--runs N] [--cpu WORKERS] [-- npm test arguments]');
  process.exit(2);
}

if (spawnSync('stress-ng', ['--version'], { stdio: 'ignore' }).error) {
  console.error('stress-ng is not installed. On Debian or Ubuntu: apt-get install -y stress-ng');
  process.exit(1);
}

let stopping = false;
// Its own process group, so stopping it stops its workers too.
const load = spawn('stress-ng', ['--cpu', String(workers), '--quiet'], {
  detached: true,
  stdio: 'ignore',
});
const stopLoad = () => {
  if (load.exitCode !== null || load.signalCode !== null) return;
  try {
    process.kill(-load.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
};
process.on('exit', stopLoad);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopLoad();
    process.exit(130);
  });
}
load.once('exit', (code, signal) => {
  if (!stopping)
    console.error(`stress-ng stopped by itself (${signal ?? code}): runs are no longer under load`);
});

console.log(`stress-ng --cpu ${workers} running (pid ${load.pid}); npm test ${runs} times`);
const results = [];
for (let run = 1; run <= runs; run++) {
  console.log(`\n=== run ${run} of ${runs} under load`);
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const test = spawn('npm', ['test', ...(positionals.length ? ['--', ...positionals] : [])], {
      stdio: 'inherit',
    });
    test.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  results.push({ run, passed: code === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

stopping = true;
const loadGone = new Promise((resolve) => {
  if (load.exitCode !== null || load.signalCode !== null) resolve();
  else load.once('exit', resolve);
});
stopLoad();
await loadGone;
console.log(`\nnpm test under stress-ng --cpu ${workers}:`);
for (const { run, passed, seconds } of results) {
  console.log(`  run ${run}: ${passed ? 'pass' : 'FAIL'} (${seconds} s)`);
}
const failed = results.filter((result) => !result.passed).length;
console.log(failed === 0 ? `all ${runs} runs passed` : `${failed} of ${runs} runs failed`);
process.exit(failed === 0 ? 0 : 1);
