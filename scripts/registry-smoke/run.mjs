#!/usr/bin/env node
// Installs Banter from a registry, for real: publishes the built packages to a throwaway
// local registry (Verdaccio), then, in a folder outside the repository, creates a fresh
// Vite + React app and a fresh Express app that install @banter/* from it by name,
// builds the one, starts the other serving it, and has two people chat in Chromium.
// Nothing from the workspace is linked: the apps get what a user would get.
//
//   npm run build && npm run test:registry          (add `-- --keep` to keep the temp folder)
//
// Verdaccio is installed once into $BANTER_SMOKE_CACHE (default: banter-registry-smoke-cache
// in the temp folder); everything else lives in a temp folder removed at the end.

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, freePort, killAll, run, startProcess, tail, waitForHttp } from './processes.mjs';
import { publishPackages, requireBuilt } from './publish.mjs';
import { serverInstallArgs, writeServerApp } from './server-app.mjs';
import { twoPersonChat } from './two-person-chat.mjs';
import { installVerdaccio, startVerdaccio } from './verdaccio.mjs';
import { webInstallArgs, writeWebApp } from './web-app.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const keep = process.argv.includes('--keep');
const startedAt = Date.now();
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

/** Runs one named step; a failure names the step that broke. */
async function step(name, action) {
  const since = Date.now();
  console.log(`\n▶ ${name}`);
  try {
    const result = await action();
    console.log(`  ok (${seconds(since)} s)`);
    return result;
  } catch (error) {
    error.step = name;
    throw error;
  }
}

/** Rejects when `promise` has not settled within `ms`; the timer never outlives it. */
function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The versions of the third-party packages the apps install: the ranges the workspace is
 * built and tested with, so the smoke test follows the repository's own upgrades.
 */
function thirdPartyVersions() {
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const serverKit = JSON.parse(
    readFileSync(join(root, 'packages/server-kit/package.json'), 'utf8'),
  );
  const versions = { ...rootManifest.devDependencies, ...serverKit.dependencies };
  const needed = [
    'react',
    'react-dom',
    'vite',
    '@vitejs/plugin-react',
    'typescript',
    '@types/react',
    '@types/react-dom',
    'express',
    'socket.io',
    '@electric-sql/pglite',
    'jose',
  ];
  const missing = needed.filter((name) => versions[name] === undefined);
  if (missing.length > 0) throw new Error(`no version for ${missing.join(', ')} in package.json`);
  return versions;
}

/** The built app must carry Banter's stylesheet: `sideEffects` must not drop the CSS import. */
function requireStylesheet(webDist) {
  const assets = join(webDist, 'assets');
  const css = readdirSync(assets).filter((file) => file.endsWith('.css'));
  if (!css.some((file) => readFileSync(join(assets, file), 'utf8').includes('--banter-'))) {
    throw new Error(
      `the built app has no Banter styles (looked in ${css.join(', ') || 'no .css file'}): was '@banter/react/styles.css' dropped?`,
    );
  }
}

async function main(work, cleanups) {
  const logs = join(work, 'logs');
  mkdirSync(logs);
  const npmrc = join(work, '.npmrc');
  writeFileSync(npmrc, ''); // the user's ~/.npmrc stays out of every npm command here
  const versions = thirdPartyVersions();

  await step('the packages are built', () => requireBuilt(root));

  const cacheRoot = process.env.BANTER_SMOKE_CACHE ?? join(tmpdir(), 'banter-registry-smoke-cache');
  const verdaccio = await step(`install Verdaccio (cached in ${cacheRoot})`, () =>
    installVerdaccio({ cacheRoot, npmrc, logFile: join(logs, 'verdaccio-install.log') }),
  );
  if (verdaccio.cached) console.log('  (already installed)');

  const registry = await step('start the local registry', () =>
    startVerdaccio({
      bin: verdaccio.bin,
      dir: join(work, 'registry'),
      logFile: join(logs, 'verdaccio.log'),
    }),
  );
  cleanups.push(registry.stop);
  console.log(`  ${registry.url}`);
  writeFileSync(npmrc, `registry=${registry.url}\n${registry.authLine}\n`);

  const published = await step('pack, check and publish @banter/*', () =>
    publishPackages({
      root,
      registryUrl: registry.url,
      npmrc,
      outDir: join(work, 'tarballs'),
      logFile: join(logs, 'publish.log'),
    }),
  );
  console.log(`  ${published.join(', ')}`);

  const webDir = join(work, 'web-app');
  const serverDir = join(work, 'server-app');
  const env = cleanEnv({ npm_config_userconfig: npmrc });
  await step('create the apps and install @banter/* by name from the local registry', () => {
    writeWebApp(webDir, versions);
    writeServerApp(serverDir);
    // A project .npmrc, the way a user points an app at a registry.
    for (const dir of [webDir, serverDir])
      writeFileSync(join(dir, '.npmrc'), `registry=${registry.url}\n`);
    const install = (dir, args, log) =>
      run('npm', ['install', '--no-audit', '--no-fund', ...args], {
        cwd: dir,
        env,
        logFile: join(logs, log),
        timeoutMs: 300_000,
      });
    return Promise.all([
      install(webDir, webInstallArgs(versions), 'web-install.log'),
      install(serverDir, serverInstallArgs(versions), 'server-install.log'),
    ]);
  });

  // The server starts while the app builds: it serves whatever is in dist/ when asked,
  // and opening PGlite takes seconds that would otherwise be spent waiting.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const serverLog = join(logs, 'server.log');
  const server = startProcess(process.execPath, ['server.js'], {
    cwd: serverDir,
    env: cleanEnv({
      PORT: String(port),
      JWT_SECRET: randomBytes(32).toString('hex'),
      WEB_ROOT: join(webDir, 'dist'),
    }),
    logFile: serverLog,
  });
  cleanups.push(server.stop);

  await step('type check and build the Vite app', async () => {
    await run('npm', ['run', 'build'], {
      cwd: webDir,
      env,
      logFile: join(logs, 'web-build.log'),
      timeoutMs: 180_000,
    });
    requireStylesheet(join(webDir, 'dist'));
  });

  await step('the Express app (PGlite storage) answers, serving the built app', () =>
    waitForHttp(`${url}api/health`, {
      timeoutMs: 60_000,
      exited: server.exited,
      logFile: serverLog,
    }),
  );

  await step('two people chat in Chromium: Ann sends, Bob sees it; Bob replies, Ann sees it', () =>
    withTimeout(twoPersonChat(url), 120_000, 'the chat').catch((error) => {
      error.message += `\n--- the Express app's output ---\n${tail(serverLog)}`;
      throw error;
    }),
  );

  await step('stop the Express app and the registry', async () => {
    await server.stop();
    await registry.stop();
  });
}

const work = mkdtempSync(join(tmpdir(), 'banter-registry-smoke-'));
if (!relative(root, work).startsWith('..')) {
  console.error(
    `The temp folder ${work} is inside the repository; set TMPDIR to a folder outside it.`,
  );
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
const cleanups = [];
function removeWork() {
  if (keep) console.log(`\nKept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\nInterrupted by ${signal}: stopping the registry and the apps.`);
    killAll();
    removeWork();
    process.exit(130);
  });
}

let failure;
try {
  await main(work, cleanups);
} catch (error) {
  failure = error;
} finally {
  for (const stop of cleanups.reverse()) await stop().catch(() => {});
  killAll();
  removeWork();
}
if (failure === undefined) {
  console.log(`\nPASS registry smoke test in ${seconds(startedAt)} s, clean-up included`);
} else {
  console.error(`\nFAIL at step "${failure.step ?? 'setup'}" after ${seconds(startedAt)} s:`);
  console.error(failure.message);
  process.exitCode = 1;
}
