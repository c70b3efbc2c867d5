'use client';
import { linkify } from '../utils/linkify';

/**
 * Message text as text nodes and http(s) anchors only: nothing in a message
 * is ever rendered as HTML. `dir="auto"` lets each message take the direction
 * of its own script, so Arabic in an English UI reads right.
 */
export function MessageText({ body }: { body: string }) {
  return (
    <span className="banter-message__text" dir="auto">
      {linkify(body).map((part, index) =>
        part.kind === 'link' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity beyond their position
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {part.text}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <span key={index}>{part.text}</span>
        ),
      )}
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
