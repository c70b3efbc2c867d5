import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerProcess, startServerProcess } from '@banter/server-kit/test/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chattingPair, closeClients, until } from '../src/clients';

let dataDir: string;
let server: ServerProcess;
// A server process compiles the server and opens PGlite: seconds alone, far more on a machine
// whose cores are busy. Hooks and the test wait for the process to say it is ready (or to exit),
// with timeouts far above that, so only a server that never comes up fails them.
const processTimeoutMs = 120_000;
/** Three restarts and the catch-up after them. */
const restartsTimeoutMs = 3 * processTimeoutMs;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'banter-restart-'));
  server = await startServerProcess({ pgliteDir: dataDir });
}, processTimeoutMs);
afterAll(async () => {
  await closeClients();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, processTimeoutMs);

describe('a server process that crashes', () => {
  it(
    'loses nothing and duplicates nothing when killed and restarted while a user keeps sending',
    async () => {
      const { ann, bob, id } = await chattingPair(server);

      const expected: string[] = [];
      for (let crash = 0; crash < 3; crash++) {
        for (let i = 0; i < 10; i++) {
          const body = `c${crash}-${i}`;
          expected.push(body);
          ann.sendMessage(id, { body });
        }
        await new Promise((resolve) => setTimeout(resolve, 30 * crash));
        await server.kill();
        // Messages sent while the server is down wait in the outbox.
        ann.sendMessage(id, { body: `while down ${crash}` });
        expected.push(`while down ${crash}`);
        server = await startServerProcess({ pgliteDir: dataDir, port: server.port });
      }

      for (const client of [ann, bob]) {
        await until(
          client,
          (s) => expect(s.timelines[id]?.messages.map((m) => m.body)).toEqual(expected),
          60_000,
        );
        expect(client.getSnapshot().timelines[id]?.pending).toEqual([]);
      }
      console.log(
        `[process restarts] 3 SIGKILLs: ${expected.length} messages, each shown once, in order, on both`,
      );
    },
    restartsTimeoutMs,
  );
});
