'use client';
import '../../i18n/chunk-strings/register-mentions';
import {
  type ComposedText,
  filterMentionCandidates,
  insertMention,
  type MentionEdit,
  type MentionQuery,
} from '@banter/core';
import { type KeyboardEvent, type RefObject, useEffect, useId, useState } from 'react';
import { useChatState } from '../../hooks/use-chat-state';
import { useUserNames } from '../../hooks/use-user-names';
import { useStrings } from '../../i18n/strings-context';
import { Avatar } from '../Avatar';
import { openLists } from './open-lists';

// The chunk's other half: what the composer calls while it is here.
export { composerMentions } from './composer-mentions';

/** What the composer hands the people list (see `useComposerMentions`). */
export interface MentionPickerProps {
  /** Whose participants are listed. */
  conversationId: string;
  /** The composer's text box: it keeps the focus and points at the list (`aria-activedescendant`). */
  textarea: RefObject<HTMLTextAreaElement | null>;
  /** The text and its mentions now. */
  composed: ComposedText;
  /** The `@name` being typed. */
  query: MentionQuery;
  /** Where the caret is. */
  caret: number;
  /** A person was picked: the text with their name as a mention, and the caret after it. */
  onPick: (edit: MentionEdit) => void;
  /** Escape: the list closes until another `@` is typed. */
  onDismiss: () => void;
}

/** The most people the list shows at once; typing more of the name narrows it. */
const MAX_SHOWN = 8;

/**
 * The people list of the composer's `@` autocomplete, WAI-ARIA's combobox
 * pattern as a textarea may take it: the text box keeps the focus, is marked
 * `aria-autocomplete="list"` and `aria-haspopup="listbox"`, controls this
 * listbox and names the highlighted option with `aria-activedescendant`.
 * Up and Down move, Enter or Tab pick, Escape closes; a click picks too.
 */
export function MentionPicker({
  conversationId,
  textarea,
  composed,
  query,
  caret,
  onPick,
  onDismiss,
}: MentionPickerProps) {
  const { strings } = useStrings();
  const me = useChatState((state) => state.userId);
  const ids = useChatState((state) =>
    (state.conversations[conversationId]?.participants ?? [])
      .map((p) => p.userId)
      .filter((id) => id !== me)
      .join('\u0000'),
  );
  const others = ids ? ids.split('\u0000') : [];
  const names = useUserNames(others);
  const people = filterMentionCandidates(
    others.map((id, index) => ({ id, name: names[index] ?? id })),
    query.query,
  ).slice(0, MAX_SHOWN);
  const [active, setActive] = useState(0);
  const listId = useId();
  const optionId = (index: number) => `${listId}-${index}`;
  const highlighted = Math.min(active, people.length - 1);

  // A new query starts at the best match.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when what is typed changes
  useEffect(() => setActive(0), [query.query]);

  const pick = (index: number) => {
    const person = people[index];
    if (person) onPick(insertMention(composed, query, caret, person));
  };

  const keys = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const count = people.length;
    if (event.key === 'Escape') {
      // Closes the list only, not a reply or edit around the composer.
      event.stopPropagation();
    } else if (count === 0) {
      return false;
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : count - 1;
      setActive((highlighted + step) % count);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
      pick(highlighted);
    } else {
      return false;
    }
    event.preventDefault();
    if (event.key === 'Escape') onDismiss();
    return true;
  };

  // The text box is the composer's: these attributes say what it controls while the list is up.
  const activeId = highlighted >= 0 ? optionId(highlighted) : null;
  useEffect(() => {
    const box = textarea.current;
    if (!box) return;
    box.setAttribute('aria-autocomplete', 'list');
    box.setAttribute('aria-haspopup', 'listbox');
    // With nobody to list there is no listbox to point at, only the "no one" status.
    for (const [name, value] of [
      ['aria-controls', activeId && listId],
      ['aria-activedescendant', activeId],
    ] as const) {
      if (value) box.setAttribute(name, value);
      else box.removeAttribute(name);
    }
    return () => {
      for (const name of ['aria-autocomplete', 'aria-haspopup', 'aria-controls']) {
        box.removeAttribute(name);
      }
      box.removeAttribute('aria-activedescendant');
    };
  }, [textarea, listId, activeId]);
  // The composer hands keys to the open list of its text box first.
  if (textarea.current) openLists.set(textarea.current, keys);
  useEffect(() => {
    const box = textarea.current;
    return () => {
      if (box) openLists.delete(box);
    };
  }, [textarea]);

  return (
    <div className="banter-mentions">
      {people.length > 0 && (
        <div id={listId} role="listbox" aria-label={strings.mentionSuggestions}>
          {people.map((person, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: Enter or Tab in the text box picks the active option
            // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the text box (aria-activedescendant); arrow keys move the active option
            <div
              key={person.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === highlighted}
              className="banter-mentions__option"
              // Keeps the focus in the text box, as a click on a list of suggestions should.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(index)}
            >
              <Avatar name={person.name} aria-hidden="true" />
              <span dir="auto">{person.name}</span>
            </div>
          ))}
        </div>
      )}
      {people.length === 0 && (
        <div className="banter-mentions__empty" role="status">
          {strings.mentionNoMatch}
        </div>
      )}
    </div>
  );
}
