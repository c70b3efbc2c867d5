'use client';
import type { Mention, MessageView } from '@banter/core';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { useRef, useState } from 'react';
import { useBanterContext } from '../../provider/context';
import { lazyChunk, useChunk } from '../../utils/lazy-chunk';

/** The composer's text and the mentions in it, as last recorded. */
export interface MentionRecord {
  /** The conversation the text was typed in. */
  conversationId: string;
  /** The text the mentions refer to. */
  text: string;
  /** Its mentions, ranges in UTF-16 code units. */
  mentions: Mention[];
  /** Where the caret was, or goes once `text` is in the box. */
  caret: number;
  /** The `@` whose list Escape closed (it stays closed), or null. */
  dismissed: number | null;
}

/** What the mentions chunk works with: the record, the text box, and how to change both. */
export interface MentionSession extends MentionRecord {
  /** The composer's text box. */
  textarea: RefObject<HTMLTextAreaElement | null>;
  /** Records a change of the text, its mentions, the caret or the dismissed list. */
  record(change: Partial<MentionRecord>): void;
  /** Puts new text in the box (the draft, or the message being edited). */
  setText(text: string): void;
}

/** The composer's hooks into mentions (the chunk's, or inert ones until it is here). */
export interface ComposerMentions {
  /** The mentions of the text now. */
  mentions: Mention[];
  /** The text box changed to `next`. */
  changed(next: string): void;
  /** The caret moved. */
  moved(): void;
  /** First look at a key: true when mentions used it. */
  keyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean;
  /** The people list while an `@name` is typed. */
  picker: ReactNode;
}

/**
 * The mentions chunk: the people list and the rules that keep mention ranges
 * right as the text changes. Fetched once an `@` is in the composer: until
 * then the text can hold no mention, so the page carries none of it.
 */
export const mentionChunk = lazyChunk(() => import('./MentionPicker'));
const idle = lazyChunk<typeof import('./MentionPicker')>(() => new Promise(() => {}));
const none: Mention[] = [];

/** The composer's side of mentions; see `mentionChunk`. */
export function useComposerMentions(
  conversationId: string,
  text: string,
  editing: MessageView | null,
  textarea: RefObject<HTMLTextAreaElement | null>,
  setText: (text: string) => void,
): ComposerMentions {
  // A ref, so that a render the new text causes before the state update lands (the draft store
  // renders at once) already sees the record that goes with it; the counter renders.
  const latest = useRef<MentionRecord | null>(null);
  const [, rendered] = useState(0);
  const { drafts } = useBanterContext('Composer');
  // Mentions belong to the text they were made in: a message being edited starts with its own,
  // a draft (after switching conversations or a reload) with those kept beside its text.
  let record = latest.current;
  if (record?.conversationId !== conversationId || record.text !== text) {
    const source = editing
      ? { text: editing.body, mentions: editing.mentions }
      : drafts.get(conversationId);
    const mentions = source.text === text ? source.mentions : none;
    record = { conversationId, text, mentions, caret: text.length, dismissed: null };
    latest.current = record;
  }
  const { mentions } = record;
  const { module } = useChunk(text.includes('@') || mentions.length > 0 ? mentionChunk : idle);
  if (!module) return { mentions, changed() {}, moved() {}, keyDown: () => false, picker: null };
  return module.composerMentions({
    ...record,
    textarea,
    setText,
    record(change) {
      const next = { ...(latest.current ?? record), ...change };
      latest.current = next;
      // The draft keeps them with its text; a message being edited is not a draft.
      if (!editing && change.mentions) {
        drafts.update(conversationId, { text: next.text, mentions: next.mentions });
      }
      rendered((n) => n + 1);
    },
  });
}
