import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  directBetween,
  ok,
  request,
  restCall,
  startServer,
  type TestServer,
  uniqueUsers,
} from '../../test/harness';
import type { BanterHooks, ReportContext } from '../hooks';
import type { Logger } from '../logger';

let db: PGlite;
const user = uniqueUsers();

beforeAll(async () => {
  db = await PGlite.create();
});
afterAll(async () => {
  await db.close();
});

async function withServer(
  options: { hooks?: BanterHooks; logger?: Logger },
  run: (server: TestServer) => Promise<void>,
) {
  const server = await startServer(db, { ...options, limits: { hookTimeoutMs: 200 } });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

/** Ann's message to Bob, and both of them connected. */
async function reportable(server: TestServer) {
  const [ann, bob] = [user('ann'), user('bob')];
  const annSocket = await server.connect(ann);
  const bobSocket = await server.connect(bob);
  const conversationId = await directBetween(annSocket, bob);
  const { message } = await ok(annSocket, 'message:send', {
    conversationId,
    clientId: 'm1',
    body: 'buy cheap watches',
  });
  return { ann, bob, annSocket, bobSocket, conversationId, message };
}

describe('message:report', () => {
  it('hands the report to onReport with the message, the conversation and the trimmed reason', async () => {
    const reports: ReportContext[] = [];
    await withServer(
      { hooks: { onReport: (report) => void reports.push(report) } },
      async (server) => {
        const { bob, bobSocket, conversationId, message } = await reportable(server);
        expect(
          await ok(bobSocket, 'message:report', {
            conversationId,
            messageId: message.id,
            reason: '  spam  ',
          }),
        ).toEqual({ reported: true });
        expect(reports).toHaveLength(1);
        expect(reports[0]).toMatchObject({
          reporterId: bob,
          reason: 'spam',
          message: { id: message.id, body: 'buy cheap watches' },
          conversation: { id: conversationId },
        });

        // The same over REST.
        const viaRest = await restCall(
          server.url,
          bob,
          'POST',
          `/conversations/${conversationId}/messages/${message.id}/report`,
          { reason: 'still spam' },
        );
        expect(viaRest).toEqual({ status: 200, body: { ok: true, data: { reported: true } } });
        expect(reports.map((r) => r.reason)).toEqual(['spam', 'still spam']);
      },
    );
  });

  it('is not_found for a message of a conversation the reporter is not in, or no such message', async () => {
    const reports: ReportContext[] = [];
    await withServer(
      { hooks: { onReport: (report) => void reports.push(report) } },
      async (server) => {
        const { bobSocket, conversationId, message } = await reportable(server);
        const outsider = await server.connect(user('eve'));
        const cases = [
          { socket: outsider, payload: { conversationId, messageId: message.id, reason: 'x' } },
          { socket: bobSocket, payload: { conversationId, messageId: 'no-such-id', reason: 'x' } },
        ];
        for (const { socket, payload } of cases) {
          expect(await request(socket, 'message:report', payload)).toMatchObject({
            ok: false,
            error: { code: 'not_found', retryable: false },
          });
        }
        for (const reason of ['', '   ', 'r'.repeat(501)]) {
          expect(
            await request(bobSocket, 'message:report', {
              conversationId,
              messageId: message.id,
              reason,
            }),
          ).toMatchObject({
            ok: false,
            error: { code: 'bad_request', issues: [{ path: 'reason' }] },
          });
        }
        expect(reports).toEqual([]);
      },
    );
  });

  it('answers a retryable unavailable when onReport throws or hangs', async () => {
    let mode: 'throw' | 'hang' | 'fine' = 'throw';
    const taken: string[] = [];
    const onReport: BanterHooks['onReport'] = ({ reason }) => {
      if (mode === 'throw') throw new Error('moderation queue down');
      if (mode === 'hang') return new Promise<void>(() => {});
      taken.push(reason);
    };
    await withServer({ hooks: { onReport } }, async (server) => {
      const { bobSocket, conversationId, message } = await reportable(server);
      const report = { conversationId, messageId: message.id, reason: 'spam' };
      for (const next of ['hang', 'fine'] as const) {
        expect(await request(bobSocket, 'message:report', report)).toMatchObject({
          ok: false,
          error: { code: 'unavailable', retryable: true },
        });
        mode = next;
      }
      expect(await ok(bobSocket, 'message:report', report)).toEqual({ reported: true });
      expect(taken).toEqual(['spam']);
    });
  });

  it('writes the report to the logger when the host has no onReport', async () => {
    const warnings: [string, Record<string, unknown> | undefined][] = [];
    const logger: Logger = {
      warn: (message, details) => warnings.push([message, details]),
      error: () => {},
    };
    await withServer({ logger }, async (server) => {
      const { ann, bob, bobSocket, conversationId, message } = await reportable(server);
      await ok(bobSocket, 'message:report', {
        conversationId,
        messageId: message.id,
        reason: 'spam',
      });
      expect(warnings).toEqual([
        [
          'message reported',
          { reporterId: bob, conversationId, messageId: message.id, senderId: ann, reason: 'spam' },
        ],
      ]);
    });
  });
});
