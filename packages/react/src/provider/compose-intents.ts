import type { MessageView } from '@banter/core';

/** What the composer of a conversation is doing besides writing a new message. */
export type ComposeIntent =
  | { mode: 'reply'; message: MessageView }
  /** `text` is the edited body as typed so far; the draft waits untouched. */
  | { mode: 'edit'; message: MessageView; text: string };

/**
 * Replying and editing, per conversation: a message's actions (in the list)
 * start them, the composer shows and finishes them. A tiny store, so the two
 * parts need no common parent to hold the state.
 */
export class ComposeIntents {
  readonly #intents = new Map<string, ComposeIntent>();
  readonly #listeners = new Set<() => void>();

  get = (conversationId: string): ComposeIntent | null => this.#intents.get(conversationId) ?? null;

  set(conversationId: string, intent: ComposeIntent | null) {
    if (intent) this.#intents.set(conversationId, intent);
    else if (!this.#intents.delete(conversationId)) return;
    for (const listener of this.#listeners) listener();
  }

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };
}
