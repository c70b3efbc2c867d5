import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  AckResult,
  Message,
  RequestName,
  RequestResult,
  UploadTarget,
} from '@banter/core/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { type ClientSocket, connected, openSocket, request, signToken } from '../harness';
import { type ServerProcess, startServerProcess } from '../server-process';
import { absolute, putBytes } from '../upload-files';

// Driven with raw protocol calls (upload:create, the PUT, upload:complete, message:send), the
// steps any client's outbox takes: the client-side upload work of @banter/core was not on the
// branch when this case was written.

/** A 5 MB PDF: its signature, then padding. */
const file = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024 - 9, 0x20)]);

const processes: ServerProcess[] = [];
afterAll(async () => {
  for (const p of processes) await p.stop();
});

async function connect(url: string, userId: string): Promise<ClientSocket> {
  return connected(openSocket(url, await signToken(userId)));
}

/** Starts a PUT of the whole file and resolves once `sent` bytes of it went out; the rest waits. */
function startSlowPut(serverUrl: string, target: UploadTarget, sent: number) {
  const url = new URL(absolute(serverUrl, target.url));
  const req = httpRequest(url, {
    method: 'PUT',
    headers: { ...target.headers, 'Content-Length': String(file.length) },
  });
  const failed = new Promise<Error>((resolve) => req.once('error', resolve));
  return new Promise<{ failed: Promise<Error> }>((resolve) => {
    req.write(file.subarray(0, sent), () => resolve({ failed }));
  });
}

/** The names in a folder; none when it does not exist yet. */
function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/**
 * A user's requests as an outbox makes them: on a socket opened again whenever the last one
 * dropped (the fixture's 300 ms heartbeat drops sockets of a process busy sending megabytes),
 * resent on a lost ack. Every request here is idempotent (clientIds), so resending is safe.
 */
function userClient(userId: string, url: () => string) {
  let socket: ClientSocket | null = null;
  return {
    get socket() {
      return socket;
    },
    async open(): Promise<ClientSocket> {
      if (!socket?.connected) socket = await connect(url(), userId);
      return socket;
    },
    async call<E extends RequestName>(event: E, payload: unknown): Promise<RequestResult<E>> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await patientOk(await this.open(), event, payload);
        } catch (error) {
          if (attempt >= 5 || !/disconnected|timed out|websocket|xhr/i.test(String(error))) {
            throw error;
          }
        }
      }
    },
    close() {
      socket?.disconnect();
    },
  };
}

/**
 * `ok` with a patient ack timeout: the first writes after a SIGKILL wait for the embedded
 * database's recovery, which took over 5 s on this shared machine.
 */
async function patientOk<E extends RequestName>(socket: ClientSocket, event: E, payload: unknown) {
  const emit = socket.timeout(60_000).emitWithAck as (e: string, p: unknown) => Promise<unknown>;
  const result = (await emit.call(socket.timeout(60_000), event, payload)) as AckResult<
    RequestResult<E>
  >;
  if (!result.ok) throw new Error(`${event} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('13. the server process killed during an upload, and again during the send', () => {
  it('shows the message exactly once, with its attachment, after the restarts', async () => {
    const pgliteDir = mkdtempSync(join(tmpdir(), 'banter-fault-uploads-db-'));
    const uploadsDir = mkdtempSync(join(tmpdir(), 'banter-fault-uploads-files-'));
    const port = await freePort();
    const start = async () => {
      const p = await startServerProcess({ pgliteDir, uploadsDir, port });
      processes.push(p);
      return p;
    };

    let node = await start();
    const ann = userClient('fault-ann', () => node.url);
    const bob = userClient('fault-bob', () => node.url);
    const conversationId = (
      await ann.call('conversation:create', { kind: 'direct', userId: 'fault-bob' })
    ).conversation.id;
    const ask = {
      conversationId,
      clientId: 'fault-upload-1',
      name: 'contract.pdf',
      size: file.length,
      type: 'application/pdf',
    };
    const first = await ann.call('upload:create', ask);

    // 1. Killed with a megabyte of the PUT written and the rest still to come, once the server
    // is writing the body (a partial file with bytes in it).
    const put = await startSlowPut(node.url, first.target as UploadTarget, 1024 * 1024);
    const partial = join(uploadsDir, 'partial');
    const writing = () => filesIn(partial).some((name) => statSync(join(partial, name)).size > 0);
    for (let i = 0; i < 600 && !writing(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(writing()).toBe(true);
    await node.kill();
    expect((await put.failed).message).toMatch(/socket hang up|ECONNRESET|EPIPE/);
    // The cut-short body never became the upload's bytes.
    expect(filesIn(join(uploadsDir, 'received'))).toEqual([]);

    // 2. Back up: the same clientId gives the same upload and a fresh target; the PUT starts over.
    node = await start();
    const again = await ann.call('upload:create', ask);
    expect(again.upload.id).toBe(first.upload.id);
    expect(again.created).toBe(false);
    const early = await request(await ann.open(), 'upload:complete', { uploadId: again.upload.id });
    expect(early.ok === false && early.error.code).toBe('upload_incomplete');
    expect((await putBytes(node.url, again.target as UploadTarget, file)).status).toBe(200);
    await ann.call('upload:complete', { uploadId: again.upload.id });

    // 3. Killed again right after the send went out: stored or not, nobody can tell from here.
    const send = {
      conversationId,
      clientId: 'fault-message-1',
      kind: 'file',
      body: 'the contract',
      uploadIds: [again.upload.id],
    };
    (await ann.open()).emit('message:send', send as never, () => {});
    await node.kill();

    // 4. The outbox resends with the same clientId after the restart.
    node = await start();
    const resent = await ann.call('message:send', send);
    const page = await bob.call('message:list', { conversationId });
    const mine = page.messages.filter((m: Message) => m.clientId === 'fault-message-1');
    expect(mine).toHaveLength(1);
    expect(mine[0]?.id).toBe(resent.message.id);
    expect(mine[0]?.attachments).toEqual([
      expect.objectContaining({
        uploadId: again.upload.id,
        name: 'contract.pdf',
        size: file.length,
      }),
    ]);
    const [urls] = await bob.call('upload:urls', { conversationId, uploadIds: [again.upload.id] });
    const served = Buffer.from(
      await (await fetch(absolute(node.url, urls?.url ?? ''))).arrayBuffer(),
    );
    expect(served.equals(file)).toBe(true);
    ann.close();
    bob.close();
  });
});
