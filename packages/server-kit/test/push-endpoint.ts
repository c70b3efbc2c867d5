import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  verify,
} from 'node:crypto';
import { once } from 'node:events';
import { Agent, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

/*
 * A push service on loopback for tests: it plays the browser's side too. Each "browser" has its
 * own ECDH key pair and auth secret, as `pushManager.subscribe` would make; what the server
 * sends is decrypted here with RFC 8291 (Web Push message encryption) over RFC 8188
 * (aes128gcm), and its VAPID header (RFC 8292) is verified, so a payload only counts if a
 * real browser could have read it.
 */

/** One push as the endpoint received it, decrypted. */
export interface ReceivedPush {
  browser: string;
  /** The decrypted JSON payload. */
  payload: unknown;
  /** The Topic header (the collapse key). */
  topic: string | undefined;
  ttl: string | undefined;
  urgency: string | undefined;
  /** The VAPID JWT's claims, signature checked. */
  vapidClaims: { aud: string; sub: string; exp: number };
}

/** A fake browser: what `PushSubscription.toJSON()` gives, and the secrets to read its pushes. */
export interface TestBrowser {
  name: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
}

export interface PushEndpoint {
  /** Trusts the endpoint's throwaway certificate: pass as `push.agent`. */
  agent: Agent;
  /** A new browser whose endpoint is on this server. */
  browser(name: string): TestBrowser;
  /** The status the endpoint answers for a browser (default 201); e.g. 410 when it is gone. */
  answer(browser: TestBrowser, statuses: number[]): void;
  /** Holds the browser's next requests unanswered until the returned function is called. */
  hold(browser: TestBrowser): () => void;
  /** Every push received so far, in arrival order. */
  received: ReceivedPush[];
  /** How many requests reached a browser's endpoint, whatever was answered. */
  hits(browser: TestBrowser): number;
  /** Resolves with the `count`-th push (1-based) a browser receives. */
  nth(browser: TestBrowser, count: number): Promise<ReceivedPush>;
  close(): Promise<void>;
}

/** Starts the endpoint with a fresh self-signed certificate for 127.0.0.1. */
export async function startPushEndpoint(vapidPublicKey: string): Promise<PushEndpoint> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const browsers = new Map<string, TestBrowser>();
  const statuses = new Map<string, number[]>();
  const hitCounts = new Map<string, number>();
  const received: ReceivedPush[] = [];
  const held = new Map<string, (() => void)[] | null>();
  const waiters: { browser: string; count: number; resolve: (push: ReceivedPush) => void }[] = [];

  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const heldName = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
      const queue = held.get(heldName);
      if (queue) return void queue.push(() => answer());
      answer();
    });
    const answer = () => {
      const name = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
      const browser = browsers.get(name);
      hitCounts.set(name, (hitCounts.get(name) ?? 0) + 1);
      const status = statuses.get(name)?.shift() ?? 201;
      if (!browser || status !== 201) {
        res.writeHead(browser ? status : 404).end();
        return;
      }
      try {
        if (req.headers['content-encoding'] !== 'aes128gcm')
          throw new Error('content-encoding must be aes128gcm');
        const push: ReceivedPush = {
          browser: name,
          payload: JSON.parse(decryptAes128gcm(Buffer.concat(chunks), browser).toString('utf8')),
          topic: header(req.headers.topic),
          ttl: header(req.headers.ttl),
          urgency: header(req.headers.urgency),
          vapidClaims: checkVapid(header(req.headers.authorization), vapidPublicKey, origin()),
        };
        received.push(push);
        res.writeHead(201).end();
        const count = received.filter((p) => p.browser === name).length;
        for (const waiter of waiters.filter((w) => w.browser === name && w.count === count))
          waiter.resolve(push);
      } catch (error) {
        res.writeHead(400).end(String(error));
      }
    };
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin = () => `https://127.0.0.1:${port}`;
  const agent = new Agent({ ca: pems.cert, keepAlive: false });

  return {
    agent,
    received,
    browser(name) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const browser: TestBrowser = {
        name,
        ecdh,
        auth,
        subscription: {
          endpoint: `${origin()}/push/${encodeURIComponent(name)}`,
          keys: {
            p256dh: ecdh.getPublicKey().toString('base64url'),
            auth: auth.toString('base64url'),
          },
        },
      };
      browsers.set(name, browser);
      return browser;
    },
    answer(browser, list) {
      statuses.set(browser.name, [...list]);
    },
    hold(browser) {
      held.set(browser.name, []);
      return () => {
        const queue = held.get(browser.name) ?? [];
        held.delete(browser.name);
        for (const resume of queue) resume();
      };
    },
    hits: (browser) => hitCounts.get(browser.name) ?? 0,
    nth(browser, count) {
      const had = received.filter((p) => p.browser === browser.name);
      const push = had[count - 1];
      if (push) return Promise.resolve(push);
      return new Promise((resolve) => waiters.push({ browser: browser.name, count, resolve }));
    },
    async close() {
      agent.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** RFC 8291 §3.4 + RFC 8188 §2: what the browser does with a push it receives. */
export function decryptAes128gcm(body: Buffer, browser: TestBrowser): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body.readUInt8(20);
  const serverPublicKey = body.subarray(21, 21 + keyIdLength);
  const ciphertext = body.subarray(21 + keyIdLength);
  if (keyIdLength !== 65) throw new Error('keyid must be the 65-byte application server key');
  if (ciphertext.length > recordSize) throw new Error('expected a single record');
  const ecdhSecret = browser.ecdh.computeSecret(serverPublicKey);
  const keyInfo = Buffer.concat([
    Buffer.from('WebPush: info\0'),
    browser.ecdh.getPublicKey(),
    serverPublicKey,
  ]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, browser.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: aes128gcm\0', 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: nonce\0', 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02 followed by zero or more zero bytes.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('missing the last-record padding delimiter');
  return padded.subarray(0, end);
}

/** RFC 8292: `vapid t=<JWT>, k=<public key>`, the JWT signed ES256 by that key, for this origin. */
function checkVapid(
  authorization: string | undefined,
  publicKey: string,
  audience: string,
): ReceivedPush['vapidClaims'] {
  const match = /^vapid t=([^,]+),\s*k=(.+)$/.exec(authorization ?? '');
  if (!match) throw new Error('missing vapid authorization');
  const [, token = '', key = ''] = match;
  if (key !== publicKey) throw new Error('vapid key is not the server public key');
  const [head = '', body = '', signature = ''] = token.split('.');
  const raw = Buffer.from(publicKey, 'base64url');
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: raw.subarray(1, 33).toString('base64url'),
    y: raw.subarray(33, 65).toString('base64url'),
  };
  const valid = verify(
    'sha256',
    Buffer.from(`${head}.${body}`),
    { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) throw new Error('vapid signature does not verify');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  if (claims.aud !== audience) throw new Error(`vapid aud ${claims.aud} is not ${audience}`);
  return claims;
}
