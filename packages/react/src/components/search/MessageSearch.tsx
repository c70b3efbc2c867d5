'use client';
import type { MessageSearchHit } from '@banter/core';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useStrings } from '../../i18n/strings-context';
import { lazyChunk } from '../../utils/lazy-chunk';
import { ChunkDisclosure } from '../ChunkDisclosure';

/** Message search: one conversation (in its header) or all of them (above the list). */
export interface MessageSearchProps extends Omit<ComponentPropsWithoutRef<'div'>, 'onSelect'> {
  /** Search only this conversation; all of the user's without it. */
  conversationId?: string;
  /** A hit was chosen: open its conversation and jump to `hit.message` (its `seq` is there). */
  onSelect: (hit: MessageSearchHit) => void;
}

/** The panel's code, fetched when search is first opened: most visits never search. */
export const searchPanelChunk = lazyChunk(() => import('./MessageSearchPanel'));

/**
 * A search button that opens a message search box with its results; choosing one closes it
 * and calls `onSelect`. Escape closes it and returns focus to the button.
 *
 * @example
 * <MessageSearch conversationId={id} onSelect={(hit) => jumpTo(hit.message)} />
 */
export const MessageSearch = forwardRef<HTMLDivElement, MessageSearchProps>(function MessageSearch(
  { conversationId, onSelect, ...props },
  ref,
) {
  const { strings } = useStrings();
  return (
    <ChunkDisclosure
      rootRef={ref}
      block="banter-message-search"
      label={conversationId ? strings.searchMessages : strings.searchAllMessages}
      trigger={<SearchIcon />}
      chunk={searchPanelChunk}
      panel={(module, id, close) => (
        <module.MessageSearchPanel
          id={id}
          conversationId={conversationId}
          onSelect={(hit) => {
            close();
            onSelect(hit);
          }}
        />
      )}
      {...props}
    />
  );
});

function SearchIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
