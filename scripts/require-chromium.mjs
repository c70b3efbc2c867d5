// Preflight for `npm run test:browser`: the tests drive Debian's Chromium, never a
// downloaded browser. When it is missing, say how to get it instead of failing obscurely.
import { accessSync, constants } from 'node:fs';
import { chromiumPath as chromium } from './chromium.mjs';

try {
  accessSync(chromium, constants.X_OK);
  console.log(`Chromium found at ${chromium}; running the browser tests.`);
} catch {
  console.error(`
test:browser needs Chromium at ${chromium}, and it is not there.

  Install it (Debian):      apt-get update && apt-get install -y chromium
  Or point at another one:  BANTER_CHROMIUM=/path/to/chromium npm run test:browser

Do not use 'npx playwright install': browsers are not downloaded on these machines.
`);
  process.exit(1);
}
