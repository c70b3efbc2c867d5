// Adds lockfile entries for platform-specific optional packages that the
// registry reachable from this machine does not serve (it carries only the
// binaries for linux-x64/arm64 glibc). `npm install` silently leaves such
// packages out of package-lock.json, and `npm ci` then refuses the lockfile as
// out of sync. Each entry written here names its os/cpu/libc, read from the
// package name, so npm skips it on every other platform without fetching it.
// Run after `npm install` changes the lockfile: `npm run lock:complete`.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const osNames = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'openbsd',
  'openharmony',
  'win32',
  'sunos',
  'aix',
  'netbsd',
];
const cpuNames = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 's390x', 'riscv64'];

/** Reads `{ os, cpu, libc }` from names like `@rollup/rollup-linux-arm64-musl` or `@biomejs/cli-win32-x64`. */
function platformOf(name) {
  const tokens = name.split('/').at(-1).split('-');
  const os = tokens.find((token) => osNames.includes(token));
  const cpu =
    tokens.find((token) => cpuNames.includes(token)) ??
    (tokens.includes('arm') ? 'arm' : undefined);
  if (!os || !cpu) return null;
  const libc =
    os === 'linux' ? (tokens.some((t) => t.startsWith('musl')) ? 'musl' : 'glibc') : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dependency, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const location = `${path ? `${path}/` : ''}node_modules/${dependency}`;
    const hoisted = `node_modules/${dependency}`;
    if (packages[location] || packages[hoisted]) continue;
    const platform = platformOf(dependency);
    if (!platform) continue;
    packages[hoisted] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [platform.os],
      cpu: [platform.cpu],
      ...(platform.libc ? { libc: [platform.libc] } : {}),
    };
    added += 1;
  }
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform entries this registry does not serve`);
