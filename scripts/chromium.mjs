// Debian's Chromium, never a downloaded one, and the flags every browser run here uses:
// headless, no sandbox (CI runs as root), and nothing that reaches for the network.
export const chromiumPath = process.env.BANTER_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
