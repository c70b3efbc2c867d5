'use client';
import '../../i18n/chunk-strings/register-message-search';
import type { MessageSearchHit } from '@banter/core';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useChatState } from '../../hooks/use-chat-state';
import { useUserNames } from '../../hooks/use-user-names';
import { formatTime } from '../../i18n/format';
import { useStrings } from '../../i18n/strings-context';
import { HighlightedText } from './HighlightedText';
import { useMessageSearch } from './use-message-search';

export interface MessageSearchPanelProps {
  id: string;
  /** Search only this conversation; all of the user's without it. */
  conversationId?: string;
  /** A hit was chosen (click, or Enter on the active one). */
  onSelect: (hit: MessageSearchHit) => void;
}

/**
 * What the search button opens: a search box (WAI-ARIA combobox) over a listbox of hits,
 * each with its conversation, sender, time and the matched words marked. Arrow keys move
 * through the hits while focus stays in the box, Enter opens one. Its own chunk: a page
 * loads it when search is first opened.
 */
export function MessageSearchPanel({ id, conversationId, onSelect }: MessageSearchPanelProps) {
  const { strings } = useStrings();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const search = useMessageSearch(query, conversationId);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const optionId = (index: number) => `${listId}-${index}`;
  const { results } = search;

  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  // A new list of hits starts with none active.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the query changes
  useEffect(() => setActive(-1), [query]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (results.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + results.length) % results.length);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      const hit = results[active];
      if (hit) onSelect(hit);
    }
  };

  const expanded = search.status === 'done' && results.length > 0;
  return (
    <div id={id} className="banter-message-search__panel" data-status={search.status}>
      <input
        ref={inputRef}
        type="search"
        className="banter-message-search__input"
        role="combobox"
        aria-label={conversationId ? strings.searchMessages : strings.searchAllMessages}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? optionId(active) : undefined}
        placeholder={conversationId ? strings.searchMessages : strings.searchAllMessages}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div
        id={listId}
        role="listbox"
        className="banter-message-search__results"
        aria-label={strings.searchMessages}
      >
        {results.map((hit, index) => (
          <SearchHitOption
            key={hit.message.id}
            id={optionId(index)}
            hit={hit}
            active={index === active}
            onSelect={onSelect}
          />
        ))}
      </div>
      <p className="banter-message-search__status" role="status">
        {search.status === 'loading'
          ? strings.searching
          : search.status === 'done' && results.length === 0
            ? strings.searchNoResults
            : ''}
      </p>
      {search.error && (
        <p className="banter-message-search__error" role="alert">
          {strings.searchFailed}
        </p>
      )}
      {search.hasMore && (
        <button
          type="button"
          className="banter-message-search__more"
          disabled={search.loadingMore}
          onClick={search.loadMore}
        >
          {strings.searchLoadMore}
        </button>
      )}
    </div>
  );
}

function SearchHitOption({
  id,
  hit,
  active,
  onSelect,
}: {
  id: string;
  hit: MessageSearchHit;
  active: boolean;
  onSelect: (hit: MessageSearchHit) => void;
}) {
  const { locale } = useStrings();
  const { message } = hit;
  const conversationTitle = useChatState(
    (s) => s.conversations[message.conversationId]?.title ?? null,
  );
  const [sender] = useUserNames([message.senderId]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: Enter in the combobox chooses the active option
    // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the search box (aria-activedescendant); arrow keys move the active option
    <div
      id={id}
      role="option"
      aria-selected={active}
      data-active={active || undefined}
      className="banter-message-search__hit"
      onClick={() => onSelect(hit)}
    >
      <span className="banter-message-search__meta">
        {conversationTitle && (
          <span className="banter-message-search__conversation" dir="auto">
            {conversationTitle}
          </span>
        )}
        <span className="banter-message-search__sender" dir="auto">
          {sender}
        </span>
        <time dateTime={message.createdAt}>{formatTime(message.createdAt, locale)}</time>
      </span>
      <span className="banter-message-search__text" dir="auto">
        <HighlightedText text={message.body} highlights={hit.highlights} />
      </span>
    </div>
  );
}
