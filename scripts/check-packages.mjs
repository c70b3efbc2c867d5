#!/usr/bin/env node
// Packs every publishable workspace package and lints the tarball with
// publint and "Are the Types Wrong?" (attw). Checking the tarball, rather than
// the package folder, tests exactly what npm would publish: the `files` list,
// the `exports` map and the built dist/ together.
//
// Usage: npm run build && node scripts/check-packages.mjs

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(root, 'packages');

// On Windows npm/npx are .cmd shims, which Node only runs through a shell.
const useShell = process.platform === 'win32';

/** Workspace packages under packages/* that are not `private: true`. */
function findPublishablePackages() {
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(packagesDir, entry.name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name, exports: manifest.exports ?? {} }));
}

/** Runs a command with its output shown to the user; returns true on exit code 0. */
function run(command, args, cwd) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: useShell });
  if (result.error) console.error(result.error.message);
  return result.status === 0;
}

/**
 * `npm pack` into a folder of its own, so the one .tgz found there is this
 * package's tarball (its name depends on the scope and version).
 */
function pack(pkg, tmpRoot) {
  const destination = join(tmpRoot, pkg.name.replace(/[@/]/g, '_'));
  mkdirSync(destination);
  if (!run('npm', ['pack', '--pack-destination', destination], pkg.dir)) return undefined;
  const tarball = readdirSync(destination).find((file) => file.endsWith('.tgz'));
  return tarball === undefined ? undefined : join(destination, tarball);
}

/** publint on the tarball; --strict makes its warnings fail the check too. */
function runPublint(tarball) {
  // `--no` keeps npx from downloading anything: the tools are root devDependencies.
  return run('npx', ['--no', 'publint', 'run', tarball, '--strict'], root);
}

/**
 * attw on the tarball with the `node16` profile, which checks the resolutions
 * a dual ESM + CJS package must support: node16/nodenext from CJS and from
 * ESM, and bundler. The default `strict` profile also checks the legacy
 * `node10` resolution, which ignores the `exports` map; subpath-only entries
 * (`@banter/core/protocol`, `@banter/server-kit/pglite`, ...) can't resolve
 * there without `typesVersions` hacks, and TypeScript 6 deprecates node10
 * resolution anyway. No rules are ignored. Entry points that are not
 * modules (a stylesheet, core's service worker script) have no types to check and are left out.
 */
function runAttw(pkg, tarball) {
  const assets = Object.keys(pkg.exports).filter((entry) =>
    /\.(css|json)$|^\.\/service-worker\.js$/.test(entry),
  );
  const exclude = assets.length > 0 ? ['--exclude-entrypoints', ...assets] : [];
  return run('npx', ['--no', 'attw', tarball, '--profile', 'node16', ...exclude], root);
}

/** Packs and lints one package; returns the names of the checks that failed. */
function checkPackage(pkg, tmpRoot) {
  console.log(`\n=== ${pkg.name} (${relative(root, pkg.dir)}) ===`);
  const tarball = pack(pkg, tmpRoot);
  if (tarball === undefined) return ['npm pack'];
  const failures = [];
  if (!runPublint(tarball)) failures.push('publint');
  if (!runAttw(pkg, tarball)) failures.push('attw');
  return failures;
}

function main() {
  const packages = findPublishablePackages();
  if (packages.length === 0) {
    console.error('No publishable packages found under packages/.');
    return 1;
  }

  // Without dist/ npm would pack a tarball with no code and the linters would
  // report a pile of confusing missing-file errors; say what to do instead.
  const unbuilt = packages.filter((pkg) => !existsSync(join(pkg.dir, 'dist')));
  if (unbuilt.length > 0) {
    for (const pkg of unbuilt)
      console.error(`${pkg.name}: ${relative(root, pkg.dir)}/dist is missing.`);
    console.error('Run `npm run build` at the repository root first.');
    return 1;
  }

  const tmpRoot = mkdtempSync(join(tmpdir(), 'banter-check-packages-'));
  const results = [];
  try {
    for (const pkg of packages)
      results.push({ name: pkg.name, failures: checkPackage(pkg, tmpRoot) });
  } finally {
    rmSync(tmpRoot, { recursive: true, force: true });
  }

  console.log('\n=== Summary ===');
  for (const { name, failures } of results) {
    console.log(failures.length === 0 ? `PASS ${name}` : `FAIL ${name} (${failures.join(', ')})`);
  }
  return results.every(({ failures }) => failures.length === 0) ? 0 : 1;
}

process.exitCode = main();
