'use client';
import type { Mention } from '@banter/core';
import {
  type MentionEdit,
  mentionQueryAt,
  mentionsAfterEdit,
  removeMentionBefore,
} from '@banter/core';
import { type RefObject, useLayoutEffect } from 'react';
import { MentionPicker } from './MentionPicker';
import { openLists } from './open-lists';
import type { ComposerMentions, MentionSession } from './use-composer-mentions';

/**
 * Mentions in the composer once the chunk is here: keeps the ranges right as
 * the text changes (a change inside a mention drops it; Backspace right after
 * one removes it whole), and shows the people list while an `@name` is typed
 * before the caret (until Escape closes it).
 */
export function composerMentions(session: MentionSession): ComposerMentions {
  const { text, textarea, caret, dismissed } = session;
  // A draft's mentions come from storage: only those that still fit its text are kept.
  const mentions = session.mentions.filter(fitsIn(text));
  const composed = { text, mentions };
  const query = mentionQueryAt(composed, caret);
  const open = query && query.start !== dismissed ? query : null;
  const caretNow = () => textarea.current?.selectionStart ?? text.length;
  /** A pick or a removal: new text and mentions, and the caret placed once the text is shown. */
  const apply = ({ composed: next, caret: at }: MentionEdit) => {
    if (textarea.current) caretsToPlace.set(textarea.current, at);
    session.record({ ...next, caret: at, dismissed: null });
    session.setText(next.text);
  };
  return {
    mentions,
    changed(next) {
      session.record({
        text: next,
        mentions: mentionsAfterEdit(text, next, mentions),
        caret: caretNow(),
        dismissed: null,
      });
    },
    moved() {
      session.record({ caret: caretNow() });
    },
    keyDown(event) {
      const box = event.currentTarget;
      if (open && openLists.get(box)?.(event)) return true;
      if (event.key !== 'Backspace' || box.selectionStart !== box.selectionEnd) return false;
      const removed = removeMentionBefore(composed, box.selectionStart);
      if (!removed) return false;
      event.preventDefault();
      apply(removed);
      return true;
    },
    picker: (
      <>
        <CaretPlacer textarea={textarea} text={text} />
        {open && (
          <MentionPicker
            conversationId={session.conversationId}
            textarea={textarea}
            composed={composed}
            query={open}
            caret={caret}
            onPick={apply}
            onDismiss={() => session.record({ dismissed: open.start })}
          />
        )}
      </>
    ),
  };
}

/** Where the caret goes in each text box once its new text is shown. */
const caretsToPlace = new WeakMap<HTMLTextAreaElement, number>();

/** Puts the caret after a pick or a removal, once React has put the new text in the box. */
function CaretPlacer({
  textarea,
  text,
}: {
  textarea: RefObject<HTMLTextAreaElement | null>;
  text: string;
}) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the text in the box changed
  useLayoutEffect(() => {
    const box = textarea.current;
    const at = box && caretsToPlace.get(box);
    if (box && at !== undefined) {
      caretsToPlace.delete(box);
      box.setSelectionRange(at, at);
    }
  }, [textarea, text]);
  return null;
}

/** A mention of the right shape whose range lies within the text. */
const fitsIn =
  (text: string) =>
  (mention: Partial<Mention> | null): mention is Mention =>
    typeof mention?.userId === 'string' &&
    Number.isInteger(mention.start) &&
    Number.isInteger(mention.end) &&
    (mention.start as number) >= 0 &&
    (mention.start as number) < (mention.end as number) &&
    (mention.end as number) <= text.length;
