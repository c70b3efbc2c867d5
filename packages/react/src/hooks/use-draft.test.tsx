import { createTimelineSelector } from '@banter/core';
import { createFakeChatClient, type FakeChatClient } from '@banter/core/testing';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeClient, people } from '../../test/render';
import { Composer } from '../components/Composer';
import { ChatProvider } from '../provider/ChatProvider';
import { type DraftStorage, DraftStore } from '../provider/draft-store';
import { useComposeIntent } from './use-compose-intent';

const CONVERSATION = 'c-drafts';

/** A page load: a fresh client signed in as `userId`, with Bob's conversation and 2 messages. */
async function load(userId = 'ann'): Promise<FakeChatClient> {
  const client =
    userId === 'ann' ? await fakeClient() : createFakeChatClient({ userId, users: people });
  await client.fake.until((state) => state.connection.status === 'connected');
  client.fake.addConversation({ id: CONVERSATION, participantIds: ['ann', 'bob', 'cat'] });
  client.fake.seedHistory(CONVERSATION, 2);
  client.openConversation(CONVERSATION);
  return client;
}

/** Starts a reply to the conversation's first message, as its Reply action does. */
function ReplyToFirst({ client }: { client: FakeChatClient }) {
  const [, setIntent] = useComposeIntent(CONVERSATION);
  const start = () => {
    const [first] = createTimelineSelector()(client.getSnapshot(), CONVERSATION);
    if (first) setIntent({ mode: 'reply', message: first });
  };
  return (
    <button type="button" onClick={start}>
      reply
    </button>
  );
}

function page(client: FakeChatClient, draftStorage?: DraftStorage | null) {
  return render(
    <ChatProvider client={client} {...(draftStorage !== undefined ? { draftStorage } : {})}>
      <Composer conversationId={CONVERSATION} />
      <ReplyToFirst client={client} />
    </ChatProvider>,
  );
}

const box = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;

describe('drafts across reloads', () => {
  it('keep the text and the reply target after a reload, and are gone once sent', async () => {
    const user = userEvent.setup();
    const first = await load();
    const before = page(first);
    await waitFor(() =>
      expect(createTimelineSelector()(first.getSnapshot(), CONVERSATION)).toHaveLength(2),
    );
    await user.click(screen.getByRole('button', { name: 'reply' }));
    await user.type(box(), 'half a thought 🙂');
    before.unmount();
    await first.close();

    // The reload: a new client and provider, nothing in memory, only localStorage.
    const second = await load();
    const after = page(second);
    expect(box().value).toBe('half a thought 🙂');
    expect(screen.getByText(/Replying to/i)).toBeTruthy();

    await user.type(box(), '{Enter}');
    await waitFor(() =>
      expect(second.getSnapshot().timelines[CONVERSATION]?.messages.at(-1)).toMatchObject({
        body: 'half a thought 🙂',
        replyTo: expect.any(String),
      }),
    );
    after.unmount();
    await second.close();

    const third = await load();
    page(third);
    expect(box().value).toBe('');
    expect(screen.queryByText(/Replying to/i)).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it('belong to the user who typed them: another user in the same browser starts empty', async () => {
    const user = userEvent.setup();
    const ann = await load('ann');
    const annPage = page(ann);
    await user.type(box(), 'for Ann only');
    annPage.unmount();
    await ann.close();

    const bob = await load('bob');
    page(bob);
    expect(box().value).toBe('');
    await bob.close();
  });

  it('use the storage the provider is given, and stay in memory with null', async () => {
    const user = userEvent.setup();
    const saved = new Map<string, string>();
    const storage: DraftStorage = {
      getItem: (key) => saved.get(key) ?? null,
      setItem: (key, value) => void saved.set(key, value),
      removeItem: (key) => void saved.delete(key),
    };
    const client = await load();
    const view = page(client, storage);
    await user.type(box(), 'custom');
    expect(JSON.parse(saved.get(`banter:draft:ann:${CONVERSATION}`) ?? '{}')).toMatchObject({
      text: 'custom',
    });
    view.unmount();

    page(client, null);
    expect(box().value).toBe('');
    await user.type(box(), 'x');
    expect(localStorage.length).toBe(0);
  });
});

describe('DraftStore', () => {
  it('swallows a full quota with one warning, keeping the draft in memory', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const full: DraftStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {},
    };
    const store = new DraftStore('ann', full);
    store.update('c1', { text: 'a' });
    store.update('c1', { text: 'ab' });
    expect(store.get('c1').text).toBe('ab');
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('ignores what it cannot read: broken JSON, wrong shapes, a storage that throws', () => {
    const raw: Record<string, string> = {
      'banter:draft:ann:a': '{not json',
      'banter:draft:ann:b': JSON.stringify({ text: 5, replyTo: 'm1' }),
      // Mentions must be a list; each is checked against the text where it is used.
      'banter:draft:ann:d': JSON.stringify({ text: 'hi Bob', mentions: 'bob' }),
    };
    const store = new DraftStore('ann', {
      getItem: (key) => {
        if (key.endsWith(':c')) throw new Error('denied');
        return raw[key] ?? null;
      },
      setItem: () => {},
      removeItem: () => {},
    });
    const empty = { text: '', mentions: [], replyTo: null };
    expect(store.get('a')).toEqual(empty);
    expect(store.get('b')).toEqual(empty);
    expect(store.get('c')).toEqual(empty);
    expect(store.get('d')).toEqual({ text: 'hi Bob', mentions: [], replyTo: null });
  });

  it('writes the storage once per change, not again for the same draft', () => {
    const setItem = vi.fn();
    const store = new DraftStore('ann', { getItem: () => null, setItem, removeItem: () => {} });
    const mentions = [{ userId: 'bob', start: 3, end: 7 }];
    // A keystroke inside a mention: its mentions with the text, then the text alone.
    store.update('c1', { text: 'hi @Bob', mentions });
    store.update('c1', { text: 'hi @Bob' });
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(store.get('c1').mentions).toBe(mentions);
    store.update('c1', { text: 'hi @Bob!' });
    expect(setItem).toHaveBeenCalledTimes(2);
    expect(store.get('c1').mentions).toEqual([]);
  });

  it('without a storage (server rendering) keeps drafts in memory only', () => {
    const store = new DraftStore('ann', null);
    store.update('c1', { text: 'typed' });
    expect(store.get('c1').text).toBe('typed');
  });
});
