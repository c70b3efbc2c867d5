/**
 * Render benchmark: mount a ChatWindow over a conversation holding 10,000
 * messages in real Chromium (Debian's), and report the time to first paint,
 * the JS heap it added, the DOM size, and frame times while scrolling from the
 * newest message to the oldest. Medians of several runs, each in a fresh page.
 *
 *   npx tsx bench/render.ts [--runs 5] [--messages 10000]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    messages: { type: 'string', default: '10000' },
  },
});
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

const bundle = await build({
  entryPoints: [root('bench/render/page.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  outdir: 'out',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: {
    '@banter/core/testing': root('packages/core/src/testing/index.ts'),
    '@banter/core/protocol': root('packages/core/src/protocol/index.ts'),
    '@banter/core': root('packages/core/src/index.ts'),
    '@banter/react': root('packages/react/src/index.ts'),
  },
  logLevel: 'error',
});
const files = new Map(
  bundle.outputFiles.map((file) => [`/${file.path.split('/').pop()}`, file.contents]),
);
const html =
  '<!doctype html><html><head><link rel="stylesheet" href="/page.css"></head><body style="margin:0"><div id="root"></div><script type="module" src="/page.js"></script></body></html>';
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const body = files.get(path);
  if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  else if (body)
    res
      .writeHead(200, { 'content-type': path.endsWith('.css') ? 'text/css' : 'text/javascript' })
      .end(body);
  else res.writeHead(404).end();
});
server.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?messages=${values.messages}`;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  // Precise heap figures and a GC the page can force, so memory readings are not GC noise.
  args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const runs: Record<string, number>[] = [];
for (let run = 0; run <= Number(values.runs); run++) {
  const page = await browser.newPage({ viewport: { width: 420, height: 720 } });
  await page.goto(url);
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 120_000 });
  const mounted = (await page.evaluate(() => window.__result)) as Record<string, number>;
  const scrolled = (await page.evaluate(() => window.__scroll?.())) as Record<string, number>;
  await page.close();
  if (run > 0) runs.push({ ...mounted, ...scrolled }); // run 0 warms up the browser
}
await browser.close();
server.close();

const median = (key: string) => {
  const sorted = runs.map((r) => r[key] as number).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
console.log(
  `ChatWindow over ${median('messagesHeld')} messages, Chromium headless, medians of ${runs.length} runs:`,
);
console.log(
  `  first paint after mount: ${median('firstPaintMs').toFixed(0)} ms (runs: ${runs.map((r) => r.firstPaintMs?.toFixed(0)).join(', ')})`,
);
console.log(
  `  JS heap added by the mount: ${(median('heapDeltaBytes') / 1024 / 1024).toFixed(1)} MB; DOM elements: ${median('domNodes')}`,
);
console.log(
  `  scrolling newest → oldest (${median('frames')} frames of 1,500 px): p50 ${median('p50FrameMs').toFixed(1)} ms, p95 ${median('p95FrameMs').toFixed(1)} ms, max ${median('maxFrameMs').toFixed(1)} ms per frame; reached the top: ${median('reachedTop') === 1 ? 'yes' : 'no'}`,
);
