import type { FieldIssue } from './errors';

/**
 * A person named in a message's body.
 *
 * `start` and `end` are offsets into the body in UTF-16 code units (what JavaScript's
 * `String.prototype.slice` and `.length` use), `end` exclusive. The text in the range is the
 * person's display name as it was when the message was sent; readers show the current name,
 * found by `userId`, so a rename never breaks a mention.
 */
export interface Mention {
  /** Who is mentioned. */
  userId: string;
  /** First code unit of the mention in the body. */
  start: number;
  /** One past its last code unit. */
  end: number;
}

/** The most mentions one message may carry. */
export const maxMentionsPerMessage = 20;

/**
 * What is wrong with a message's mentions, checked against its body alone: too many, ranges
 * out of bounds, empty, overlapping, or cutting an emoji (a surrogate pair) in half. Empty
 * when they are fine. Whether each person belongs to the conversation is the server's check
 * (`mentionParticipantIssues`).
 */
export function mentionRangeIssues(body: string, mentions: readonly Mention[]): FieldIssue[] {
  if (mentions.length > maxMentionsPerMessage) {
    return [{ path: 'mentions', message: `at most ${maxMentionsPerMessage} mentions` }];
  }
  const issues: FieldIssue[] = [];
  const byStart = mentions
    .map((mention, index) => ({ mention, index }))
    .sort((a, b) => a.mention.start - b.mention.start);
  let previousEnd = 0;
  for (const { mention, index } of byStart) {
    const path = `mentions.${index}`;
    const { start, end } = mention;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > body.length) {
      issues.push({ path, message: `range must lie within the body (0–${body.length})` });
    } else if (end <= start) {
      issues.push({ path, message: 'end must be after start' });
    } else if (start < previousEnd) {
      issues.push({ path, message: 'mentions must not overlap' });
    } else if (splitsPair(body, start) || splitsPair(body, end)) {
      issues.push({ path, message: 'range must not split a character' });
    }
    if (Number.isInteger(end)) previousEnd = Math.max(previousEnd, end);
  }
  return issues;
}

/** The mentions of people who are not participants of the conversation, as field issues. */
export function mentionParticipantIssues(
  mentions: readonly Mention[],
  participantIds: ReadonlySet<string>,
): FieldIssue[] {
  return mentions.flatMap((mention, index) =>
    participantIds.has(mention.userId)
      ? []
      : [{ path: `mentions.${index}.userId`, message: 'not a participant of this conversation' }],
  );
}

/** Whether an offset falls between the two halves of a surrogate pair. */
function splitsPair(body: string, offset: number): boolean {
  if (offset <= 0 || offset >= body.length) return false;
  const before = body.charCodeAt(offset - 1);
  const after = body.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
