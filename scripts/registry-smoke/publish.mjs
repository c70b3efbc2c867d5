// Packs the publishable workspace packages, checks what each tarball carries, and
// publishes the tarballs to the local registry: the same files a user would download.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, run } from './processes.mjs';

/** The packages we publish, in dependency order (core first). */
export const PUBLISHED = ['core', 'react', 'server-kit'];

/** Files every tarball must hold besides its `dist/`. */
const REQUIRED_FILES = ['package.json', 'README.md', 'LICENSE'];

function readManifest(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/** Fails with what to run when a package has not been built. */
export function requireBuilt(root) {
  const unbuilt = PUBLISHED.filter((name) => {
    try {
      return readdirSync(join(root, 'packages', name, 'dist')).length === 0;
    } catch {
      return true;
    }
  });
  if (unbuilt.length > 0) {
    throw new Error(
      `packages/{${unbuilt.join(',')}}/dist is missing: run \`npm run build\` at the repository root first`,
    );
  }
}

function tarballEntries(tarball) {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ''));
}

/**
 * Checks a packed tarball: the required files are there, the LICENSE is the
 * repository's, and no @banter/* dependency is pinned to one exact version (a user
 * installing a newer @banter/core next to it would then get two copies, or an E404 if
 * that exact version was never published).
 */
function checkTarball(tarball, manifest, licenseText) {
  const entries = tarballEntries(tarball);
  const missing = REQUIRED_FILES.filter((file) => !entries.includes(file));
  if (!entries.some((entry) => entry.startsWith('dist/'))) missing.push('dist/');
  if (missing.length > 0) {
    throw new Error(`${manifest.name}: the tarball has no ${missing.join(', ')}`);
  }
  const license = execFileSync('tar', ['-xzOf', tarball, 'package/LICENSE'], { encoding: 'utf8' });
  if (license !== licenseText) {
    throw new Error(`${manifest.name}: its LICENSE differs from the one at the repository root`);
  }
  const pinned = Object.entries(manifest.dependencies ?? {}).filter(
    ([name, range]) => name.startsWith('@banter/') && /^\d+\.\d+\.\d+$/.test(range),
  );
  if (pinned.length > 0) {
    throw new Error(
      `${manifest.name}: ${pinned.map(([name, range]) => `${name}@${range}`).join(', ')} is an exact pin; use a range such as ^${pinned[0][1]}`,
    );
  }
}

/**
 * Packs each package into `outDir`, checks the tarball, and publishes it to
 * `registryUrl` with the auth in `npmrc`. Resolves with the published names and versions.
 */
export async function publishPackages({ root, registryUrl, npmrc, outDir, logFile }) {
  const env = cleanEnv({ npm_config_userconfig: npmrc });
  const licenseText = readFileSync(join(root, 'LICENSE'), 'utf8');
  const published = [];
  for (const name of PUBLISHED) {
    const dir = join(root, 'packages', name);
    const manifest = readManifest(dir);
    const destination = join(outDir, name);
    mkdirSync(destination, { recursive: true });
    await run('npm', ['pack', '--pack-destination', destination], {
      cwd: dir,
      env,
      logFile,
      timeoutMs: 60_000,
    });
    const tarball = join(
      destination,
      readdirSync(destination).find((f) => f.endsWith('.tgz')),
    );
    checkTarball(tarball, manifest, licenseText);
    // Published from outside the workspace, as the tarball file: exactly what was checked.
    await run('npm', ['publish', tarball, '--registry', registryUrl, '--tag', 'latest'], {
      cwd: destination,
      env,
      logFile,
      timeoutMs: 60_000,
    });
    published.push(`${manifest.name}@${manifest.version}`);
  }
  return published;
}
