'use client';
import '../i18n/chunk-strings/register-new-conversation';
import type { Conversation, UserProfile } from '@banter/core';
import { useEffect, useRef, useState } from 'react';
import { useChatClient } from '../hooks/use-chat-state';
import { useStrings } from '../i18n/strings-context';
import { Avatar } from './Avatar';

export interface NewConversationPanelProps {
  id: string;
  /** A conversation was opened (the direct one, new or existing, or the new group). */
  onOpen: (conversationId: string) => void;
  onCancel: () => void;
}

/** Long enough to skip a request per keystroke, short enough to feel live. */
const searchDelayMs = 250;

/**
 * What "New conversation" opens: a people search; choosing a person opens the
 * direct conversation with them. In group mode, people found are toggled into
 * the group (removable chips above the search), the group may be named, and
 * Create opens it. Its own chunk: a page loads it when it is first opened.
 */
export function NewConversationPanel({ id, onOpen, onCancel }: NewConversationPanelProps) {
  const client = useChatClient();
  const { strings } = useStrings();
  const [query, setQuery] = useState('');
  const [createError, setCreateError] = useState<string | null>(null);
  // null in direct mode; the people picked, in order, in group mode.
  const [group, setGroup] = useState<UserProfile[] | null>(null);
  const [title, setTitle] = useState('');
  const search = usePeopleSearch(query);
  const creating = useRef(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const toggle = (person: UserProfile) =>
    setGroup((picked) =>
      picked?.some((p) => p.id === person.id)
        ? picked.filter((p) => p.id !== person.id)
        : [...(picked ?? []), person],
    );

  const create = async (make: () => Promise<Conversation>) => {
    // One conversation per choice, however fast the clicks.
    if (creating.current) return;
    creating.current = true;
    setCreateError(null);
    try {
      onOpen((await make()).id);
    } catch (error) {
      setCreateError(messageOf(error));
    } finally {
      creating.current = false;
    }
  };

  const error = createError ?? search.error;
  return (
    <div id={id} className="banter-new-conversation__panel">
      <button
        type="button"
        className="banter-new-conversation__cancel"
        aria-pressed={group !== null}
        onClick={() => setGroup(group ? null : [])}
      >
        {strings.newGroup}
      </button>
      {group && (
        <>
          <input
            className="banter-new-conversation__search"
            aria-label={strings.groupTitle}
            placeholder={strings.groupTitle}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
          />
          <ul className="banter-new-conversation__chips">
            {group.map((person) => (
              <li key={person.id}>
                <button
                  type="button"
                  className="banter-new-conversation__chip"
                  dir="auto"
                  aria-label={strings.removeFromGroup(person.name)}
                  onClick={() => {
                    toggle(person);
                    // The chip goes: the focus goes on to the search, not to the page.
                    inputRef.current?.focus();
                  }}
                >
                  {person.name} ×
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <input
        ref={inputRef}
        type="search"
        className="banter-new-conversation__search"
        aria-label={strings.searchPeople}
        placeholder={strings.searchPeople}
        autoComplete="off"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {search.people && search.people.length > 0 && (
        <ul className="banter-new-conversation__results">
          {search.people.map((person) => (
            <li key={person.id}>
              <button
                type="button"
                className="banter-new-conversation__person"
                // In group mode a toggle named by the person; otherwise it starts a chat.
                aria-label={group ? undefined : strings.startConversation(person.name)}
                aria-pressed={group?.some((p) => p.id === person.id)}
                onClick={() =>
                  group
                    ? toggle(person)
                    : void create(() => client.createDirectConversation(person.id))
                }
              >
                <Avatar name={person.name} src={person.avatarUrl} size="small" aria-hidden />
                <span className="banter-new-conversation__name" dir="auto">
                  {person.name}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {search.people?.length === 0 && (
        <p className="banter-new-conversation__empty" role="status">
          {strings.noPeopleFound}
        </p>
      )}
      {error && (
        <p className="banter-new-conversation__error" role="alert">
          {error}
        </p>
      )}
      {group && (
        <button
          type="button"
          className="banter-new-conversation__trigger"
          disabled={group.length === 0}
          onClick={() =>
            void create(() =>
              client.createGroupConversation({
                participantIds: group.map((p) => p.id),
                // The server stores a blank title as none.
                title,
              }),
            )
          }
        >
          {strings.createGroup}
        </button>
      )}
      <button type="button" className="banter-new-conversation__cancel" onClick={onCancel}>
        {strings.cancel}
      </button>
    </div>
  );
}

interface PeopleSearch {
  /** Undefined until a search for a non-empty query has answered. */
  people: UserProfile[] | undefined;
  error: string | null;
}

/** Searches people after typing pauses; answers to superseded queries are dropped. */
function usePeopleSearch(query: string): PeopleSearch {
  const client = useChatClient();
  const [answer, setAnswer] = useState<PeopleSearch>({ people: undefined, error: null });
  const term = query.trim();
  useEffect(() => {
    if (!term) return;
    let current = true;
    const timer = setTimeout(() => {
      client.searchUsers(term).then(
        (people) => current && setAnswer({ people, error: null }),
        (error: unknown) => current && setAnswer({ people: undefined, error: messageOf(error) }),
      );
    }, searchDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, term]);
  // An emptied box shows nothing, without waiting for the debounce.
  return term ? answer : { people: undefined, error: null };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
