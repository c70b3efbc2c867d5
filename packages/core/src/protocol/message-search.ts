import type { Message } from './models';

/** Longest `message:search` query once trimmed, in UTF-16 code units. */
export const messageSearchQueryLength = 256;

/**
 * Where a search matched in a message's body: `start` inclusive, `end` exclusive, as
 * UTF-16 code units (the indices of a JavaScript string), never splitting a surrogate pair,
 * so `body.slice(start, end)` is the matched text.
 */
export interface SearchHighlight {
  /** First code unit of the match. */
  start: number;
  /** One past the last code unit of the match. */
  end: number;
}

/** One message a search found, and where in its body. */
export interface MessageSearchHit {
  /** The message as the caller would read it in `message:list`. */
  message: Message;
  /** Ascending, non-overlapping ranges of `message.body`; may be empty (a host engine matched elsewhere). */
  highlights: SearchHighlight[];
}

/** Ack data of `message:search`: newest first. */
export interface MessageSearchPage {
  /** The hits of this page, newest message first. */
  results: MessageSearchHit[];
  /** Pass back as `cursor` for the next (older) page; null when there is none. */
  nextCursor: string | null;
}
