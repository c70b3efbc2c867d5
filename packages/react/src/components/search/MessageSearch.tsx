'use client';
import type { MessageSearchHit } from '@banter/core';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type KeyboardEvent,
  useId,
  useRef,
  useState,
} from 'react';
import { useStrings } from '../../i18n/strings-context';
import { composeHandlers } from '../../utils/compose-handlers';
import { cx } from '../../utils/cx';
import { lazyChunk, useChunk } from '../../utils/lazy-chunk';
import { ChunkStatus } from '../ChunkStatus';
import type { MessageSearchPanelProps } from './MessageSearchPanel';

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
  { conversationId, onSelect, className, onKeyDown, ...props },
  ref,
) {
  const { strings } = useStrings();
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const label = conversationId ? strings.searchMessages : strings.searchAllMessages;

  const close = () => {
    setOpen(false);
    triggerRef.current?.focus();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || !open) return;
    // Closes only the search, not a dialog or widget around it.
    event.stopPropagation();
    event.preventDefault();
    close();
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a delegated Escape listener for the box inside; on the root so the host's onKeyDown runs first.
    <div
      ref={ref}
      className={cx('banter-message-search', className)}
      data-state={open ? 'open' : 'closed'}
      onKeyDown={composeHandlers(onKeyDown, handleKeyDown)}
      {...props}
    >
      <button
        ref={triggerRef}
        type="button"
        className="banter-message-search__trigger"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <SearchIcon />
      </button>
      {open && (
        <Panel
          id={panelId}
          conversationId={conversationId}
          onSelect={(hit) => {
            close();
            onSelect(hit);
          }}
        />
      )}
    </div>
  );
});

/** The panel once its code is here; until then a status, or an error with Retry. */
function Panel(props: MessageSearchPanelProps) {
  const { module, failed, retry } = useChunk(searchPanelChunk);
  if (module) return <module.MessageSearchPanel {...props} />;
  return (
    <div id={props.id} className="banter-message-search__panel">
      <ChunkStatus failed={failed} retry={retry} />
    </div>
  );
}

function SearchIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
