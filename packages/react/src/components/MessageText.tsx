'use client';
import type { Mention } from '@banter/core';
import { useChatState } from '../hooks/use-chat-state';
import { useUser } from '../hooks/use-user';
import { linkify } from '../utils/linkify';

/**
 * Message text as text nodes, http(s) anchors and mention spans only: nothing
 * in a message is ever rendered as HTML. `dir="auto"` lets each message take
 * the direction of its own script, so Arabic in an English UI reads right.
 * A mention shows the person's current name (a rename never breaks it), and
 * carries `data-self` when it names the reader.
 */
export function MessageText({ body, mentions = [] }: { body: string; mentions?: Mention[] }) {
  const parts = [];
  let at = 0;
  for (const { userId, start, end } of mentions) {
    // Servers keep mentions in order and within the body; a range that does not fit shows as text.
    if (start < at || end > body.length || end <= start) continue;
    parts.push(
      linked(body.slice(at, start), at),
      <MentionName key={start} userId={userId} written={body.slice(start, end)} />,
    );
    at = end;
  }
  parts.push(linked(body.slice(at), at));
  return (
    <span className="banter-message__text" dir="auto">
      {parts}
    </span>
  );
}

/** Text and links of a stretch of the body starting at `offset` (their keys). */
function linked(text: string, offset: number) {
  // Keys from offsets: parts have no identity beyond their place in the body.
  return linkify(text).map((part, index) =>
    part.kind === 'link' ? (
      <a
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        key={`${offset}.${index}`}
        href={part.href}
        target="_blank"
        rel="noopener noreferrer nofollow ugc"
      >
        {part.text}
      </a>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: see above
      <span key={`${offset}.${index}`}>{part.text}</span>
    ),
  );
}

/** A styled span, not a link: the name as the directory has it now, the written one until known. */
function MentionName({ userId, written }: { userId: string; written: string }) {
  const me = useChatState((state) => state.userId);
  const known = useUser(userId)?.name;
  // Servers answer an unknown id with its id as the name: the written name reads better then.
  const name = known && known !== userId ? known : written;
  return (
    <span className="banter-mention" data-self={userId === me || undefined}>
      {name}
    </span>
  );
}

const pictograph = /\p{Extended_Pictographic}/gu;
const emojiOnly = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\s)+$/u;

/** One to three emoji and nothing else: shown large, as people expect. */
export function isEmojiOnly(body: string): boolean {
  if (!emojiOnly.test(body)) return false;
  const count = body.match(pictograph)?.length ?? 0;
  return count > 0 && count <= 3;
}
