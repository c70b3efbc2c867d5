/**
 * A load-generator process: holds its share of the clients and does what the
 * parent asks (connect, create conversations, join, run, disconnect). The
 * parent forks one or two of these, separate from the server process, so the
 * clients' CPU time is not the server's.
 */
import type { Message } from '@banter/core/protocol';
import { SimClient } from './client';
import type { Target, WorkerCommand, WorkerReply } from './ipc';
import { forEachLimited } from './limit';
import { LoadRun } from './load';

const clients = new Map<Target, Map<string, SimClient>>();
let current: LoadRun | null = null;
/**
 * Connections opened at once per worker: enough to set up 2,000 clients in
 * seconds, few enough that the server's memory is not measured at the peak
 * of a burst of half-finished handshakes.
 */
const connectConcurrency = 10;

const onMessage = (client: SimClient, message: Message) => current?.onMessage(client, message);

function clientsOf(target: Target): Map<string, SimClient> {
  let forTarget = clients.get(target);
  if (!forTarget) {
    forTarget = new Map();
    clients.set(target, forTarget);
  }
  return forTarget;
}

function clientOf(target: Target, userId: string): SimClient {
  const client = clientsOf(target).get(userId);
  if (!client) throw new Error(`no connected client ${userId} of ${target} in this worker`);
  return client;
}

async function handle(command: WorkerCommand): Promise<WorkerReply> {
  const { id } = command;
  switch (command.type) {
    case 'connect':
      await forEachLimited(command.userIds, connectConcurrency, async (userId) => {
        const client = await SimClient.connect(command.url, command.target, userId, onMessage);
        clientsOf(command.target).set(userId, client);
      });
      return { id, type: 'done' };
    case 'create': {
      const conversationIds: Record<string, string> = {};
      await forEachLimited(command.groups, 10, async (group) => {
        conversationIds[group.key] =
          command.target === 'relay'
            ? group.key
            : await clientOf(command.target, group.creator).createConversation(
                group.members.filter((member) => member !== group.creator),
              );
      });
      return { id, type: 'created', conversationIds };
    }
    case 'join':
      await forEachLimited(command.memberships, connectConcurrency, ({ userId, conversationId }) =>
        clientOf(command.target, userId).joined(conversationId),
      );
      return { id, type: 'done' };
    case 'run': {
      current = new LoadRun(command.plan);
      try {
        const senders = command.plan.senders.map(({ userId, conversationId }) => ({
          client: clientOf(command.target, userId),
          conversationId,
        }));
        return { id, type: 'result', result: await current.run(senders) };
      } finally {
        current = null;
      }
    }
    case 'disconnect':
      for (const client of clientsOf(command.target).values()) client.close();
      clients.delete(command.target);
      return { id, type: 'done' };
  }
}

process.on('message', (raw) => {
  const command = raw as WorkerCommand;
  void handle(command).then(
    (reply) => process.send?.(reply),
    (error: unknown) =>
      process.send?.({ id: command.id, type: 'failed', message: String(error) } as WorkerReply),
  );
});
// Orphaned by a parent that died: close everything and leave.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' } satisfies WorkerReply);
