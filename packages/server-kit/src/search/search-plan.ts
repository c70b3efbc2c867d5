/**
 * How a search reads its hits:
 *
 * - `walk`: each of the viewer's conversations newest first (the conversation-and-time index),
 *   checking each message's stored words, stopping at the first few hits of each; then only the
 *   conversations that may hold more hits above the page's last one are read further. Its work
 *   grows with how far back the hits are: little for a common term, the whole history for an
 *   absent one.
 * - `bitmap`: the term's entries in the words index, intersected with the viewer's
 *   conversations' entries, then only the rows in both are read and the newest kept. Its work
 *   grows with the term's matches in the whole table: little for a rare term, hundreds of
 *   milliseconds for a word in 40% of a million messages.
 */
export type SearchPlan = 'walk' | 'bitmap';

/** What the choice is made from: counts the database already keeps, and the planner's estimate. */
export interface SearchPlanInputs {
  /** Conversations searched. */
  conversations: number;
  /** Messages in them (their last seq, summed: deleted ones included). */
  viewerMessages: number;
  /** Messages in the table (the planner's count), or null before the table was analyzed. */
  tableMessages: number | null;
  /** The planner's estimate of the term's live matches in the whole table. */
  estimatedMatches: number;
  /** Hits wanted. */
  limit: number;
}

/** The plan to run, and the walk's first step. */
export interface SearchPlanChoice {
  /** The cheaper plan by the model. */
  plan: SearchPlan;
  /** Hits the walk takes from each conversation before deciding which ones to read further. */
  perConversation: number;
}

// Relative costs, per row, from EXPLAIN (ANALYZE, BUFFERS) on bench/search.ts's data (1,000,000
// messages): a walked row (index entry, heap row, words checked) about 2.5 µs; an index entry put
// into a bitmap about 0.27 µs (the words index) and 0.09 µs (the conversations' entries); a row
// read back from the bitmap and re-checked about 0.4 µs.
const walkedRow = 1;
const wordEntry = 0.1;
const conversationEntry = 0.035;
const bitmapRow = 0.17;

/**
 * The cheaper plan by the model above. The planner is not asked to choose: it sees neither the
 * walk's early stop (it is two statements' worth of logic in one) nor how the viewer's rows are
 * spread, and it walked the whole table by date for common words (bench/search.ts).
 */
export function chooseSearchPlan(inputs: SearchPlanInputs): SearchPlanChoice {
  const { conversations, viewerMessages, tableMessages, estimatedMatches, limit } = inputs;
  const perConversation = Math.min(limit, Math.max(1, Math.ceil(limit / conversations)));
  // Unanalyzed (a new or small database): the index is cheap, and the walk could read everything.
  if (tableMessages === null || tableMessages <= 0) return { plan: 'bitmap', perConversation };
  const share = Math.min(1, Math.max(estimatedMatches, 1) / tableMessages);
  // Each conversation until its first hits, then the page's worth further (expected rows).
  const walked = Math.min(viewerMessages, (conversations * perConversation + limit) / share);
  const walk = walked * walkedRow;
  const bitmap =
    estimatedMatches * wordEntry +
    viewerMessages * conversationEntry +
    share * viewerMessages * bitmapRow;
  return { plan: walk < bitmap ? 'walk' : 'bitmap', perConversation };
}
