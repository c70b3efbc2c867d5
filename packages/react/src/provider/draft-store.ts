import type { Mention, MessageView } from '@banter/core';

/**
 * Where drafts are kept between page loads: the part of the Web Storage API Banter uses, so
 * `window.localStorage`, `sessionStorage` or your own object (an in-memory map, an encrypted
 * store) all fit. Pass one to `<ChatProvider draftStorage={…}>`; `null` keeps drafts in memory only.
 */
export interface DraftStorage {
  /** The stored string, or `null` when there is none. */
  getItem(key: string): string | null;
  /** Store a string; may throw (a full quota), which Banter logs once and otherwise ignores. */
  setItem(key: string, value: string): void;
  /** Forget a key. */
  removeItem(key: string): void;
}

/** One conversation's unsent work: the text, its mentions, and the message it replies to, if any. */
export interface Draft {
  /** What was typed. */
  text: string;
  /** The people named in `text`, as the composer recorded them. */
  mentions: Mention[];
  /** The message being replied to, as shown when the reply started. */
  replyTo: MessageView | null;
}

const EMPTY: Draft = { text: '', mentions: [], replyTo: null };

/** The browser's localStorage, or `null` on the server or where reading it throws (privacy modes). */
export function defaultDraftStorage(): DraftStorage | null {
  try {
    return typeof globalThis.localStorage === 'undefined' ? null : globalThis.localStorage;
  } catch {
    return null;
  }
}

/**
 * Drafts per conversation for one signed-in user: read from memory, written through to a
 * `DraftStorage` under `banter:draft:<userId>:<conversationId>` so they survive a reload, and
 * so two people sharing a browser never see each other's drafts.
 */
export class DraftStore {
  readonly #memory = new Map<string, Draft>();
  readonly #storage: DraftStorage | null;
  readonly #userId: string;
  // A full quota would fail on every keystroke: say it once, not hundreds of times.
  #warned = false;

  constructor(userId: string, storage: DraftStorage | null) {
    this.#userId = userId;
    this.#storage = storage;
  }

  get(conversationId: string): Draft {
    const known = this.#memory.get(conversationId);
    if (known) return known;
    const loaded = this.#load(conversationId);
    this.#memory.set(conversationId, loaded);
    return loaded;
  }

  /**
   * Replace part of a conversation's draft; an empty draft is removed, not stored. New text
   * without mentions drops the old ones: they named places in the text it replaced.
   */
  update(conversationId: string, change: Partial<Draft>) {
    const before = this.get(conversationId);
    const next = { ...before, ...change };
    if (!change.mentions && next.text !== before.text) next.mentions = [];
    // The composer records a keystroke's mentions and then its text: one write is enough.
    if (
      next.text === before.text &&
      next.mentions === before.mentions &&
      next.replyTo === before.replyTo
    )
      return;
    this.#memory.set(conversationId, next);
    const key = this.#key(conversationId);
    try {
      if (next.text === '' && next.replyTo === null) this.#storage?.removeItem(key);
      else this.#storage?.setItem(key, JSON.stringify(next));
    } catch (error) {
      if (!this.#warned) {
        this.#warned = true;
        console.warn('Banter: could not save a draft; drafts stay in memory only.', error);
      }
    }
  }

  #key(conversationId: string) {
    return `banter:draft:${this.#userId}:${conversationId}`;
  }

  #load(conversationId: string): Draft {
    try {
      const raw = this.#storage?.getItem(this.#key(conversationId));
      if (!raw) return EMPTY;
      // Stored by an older version or by hand: keep only what has the expected shape.
      const parsed = JSON.parse(raw) as Partial<Draft>;
      const text = typeof parsed.text === 'string' ? parsed.text : '';
      return {
        text,
        // Their shape and ranges are checked where they are used, in the mentions chunk.
        mentions: Array.isArray(parsed.mentions) ? parsed.mentions : [],
        replyTo:
          parsed.replyTo &&
          typeof parsed.replyTo === 'object' &&
          typeof parsed.replyTo.id === 'string'
            ? parsed.replyTo
            : null,
      };
    } catch {
      return EMPTY;
    }
  }
}
