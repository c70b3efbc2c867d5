import { randomUUID } from 'node:crypto';

/**
 * Conversations to find on first start: two direct ones and a group, with a
 * little history. Runs once: it does nothing when Alice already has any.
 */
export async function seed(storage) {
  if ((await storage.listConversationIds('alice')).length > 0) return false;
  const minutesAgo = (minutes) => new Date(Date.now() - minutes * 60_000);
  const say = (conversationId, senderId, body, minutes) =>
    storage.insertMessage({
      id: randomUUID(),
      conversationId,
      senderId,
      clientId: randomUUID(),
      kind: 'text',
      body,
      attachments: [],
      replyTo: null,
      now: minutesAgo(minutes),
    });

  const withBob = await storage.createDirectConversation({
    id: randomUUID(),
    createdBy: 'alice',
    otherUserId: 'bob',
    metadata: { listing: 'Sunny 2-room flat, Rua da Rosa' },
    now: minutesAgo(300),
  });
  await say(withBob.id, 'alice', 'Hi Bob! Is the flat on Rua da Rosa still available?', 290);
  await say(withBob.id, 'bob', 'Hi Alice, yes it is 🙂', 285);
  await say(
    withBob.id,
    'bob',
    'Would you like to see it this week? https://example.com/listings/rua-da-rosa',
    284,
  );

  const withCarol = await storage.createDirectConversation({
    id: randomUUID(),
    createdBy: 'carol',
    otherUserId: 'alice',
    metadata: null,
    now: minutesAgo(200),
  });
  await say(withCarol.id, 'carol', 'Did you get the keys?', 180);

  const group = await storage.createGroupConversation({
    id: randomUUID(),
    createdBy: 'dave',
    participantIds: ['alice', 'bob', 'carol'],
    title: 'Weekend in Lisbon',
    metadata: null,
    now: minutesAgo(120),
  });
  await say(group.id, 'dave', 'Train leaves at 9:40 on Saturday', 110);
  await say(group.id, 'carol', 'I’ll bring snacks', 100);
  await say(group.id, 'bob', 'Count me in!', 60);
  return true;
}
