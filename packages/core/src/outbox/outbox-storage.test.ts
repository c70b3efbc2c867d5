import { describe, expect, it } from 'vitest';
import type { PendingAction, PendingMessage } from '../store/state';
import { contentsOf, localStorageOutbox } from './outbox-storage';

function webStorage() {
  const items = new Map<string, string>();
  return {
    items,
    storage: () => ({
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    }),
  };
}

const message: PendingMessage = {
  clientId: 'k1',
  conversationId: 'c1',
  senderId: 'ann',
  kind: 'text',
  body: 'hello',
  attachments: [],
  replyTo: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  status: 'sending',
  error: null,
};
const action: PendingAction = {
  id: 'a1',
  conversationId: 'c1',
  messageId: 'm1',
  sendClientId: null,
  kind: 'react',
  body: null,
  emoji: '👍',
  createdAt: '2024-01-01T00:00:00.000Z',
  status: 'sending',
  error: null,
};

describe('localStorageOutbox', () => {
  it('keeps messages, actions and block changes, and forgets the key once all are empty', async () => {
    const { items, storage } = webStorage();
    const outbox = localStorageOutbox('test', storage);
    const block = { id: 'b1', userId: 'eve', blocked: true, createdAt: '2026-11-30T10:00:00.000Z' };
    await outbox.save('ann', [message], [action], [block]);
    expect(contentsOf(await outbox.load('ann'))).toEqual({
      messages: [message],
      actions: [action],
      blocks: [block],
    });
    await outbox.save('ann', [], [], [block]);
    expect(items.has('test:ann')).toBe(true);
    await outbox.save('ann', [], [], []);
    expect(items.has('test:ann')).toBe(false);
  });

  it('reads what an earlier version saved: a plain array of messages', async () => {
    const { items, storage } = webStorage();
    items.set('test:ann', JSON.stringify([message]));
    expect(contentsOf(await localStorageOutbox('test', storage).load('ann'))).toEqual({
      messages: [message],
      actions: [],
      blocks: [],
    });
  });

  it('drops entries that are not what they claim, keeping the rest', async () => {
    const { items, storage } = webStorage();
    items.set(
      'test:ann',
      JSON.stringify({
        messages: [message, { clientId: 3 }],
        actions: [{ ...action, kind: 'explode' }],
        blocks: [{ id: 'b1', userId: 7, blocked: true }],
      }),
    );
    expect(contentsOf(await localStorageOutbox('test', storage).load('ann'))).toEqual({
      messages: [message],
      actions: [],
      blocks: [],
    });
  });
});
