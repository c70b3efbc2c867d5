'use client';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type KeyboardEvent,
  useId,
  useRef,
  useState,
} from 'react';
import { useStrings } from '../i18n/strings-context';
import { composeHandlers } from '../utils/compose-handlers';
import { cx } from '../utils/cx';
import { lazyChunk, useChunk } from '../utils/lazy-chunk';
import { ChunkStatus } from './ChunkStatus';
import type { NewConversationPanelProps } from './NewConversationPanel';

/**
 * Search people through the server's `searchUsers` hook and open a direct conversation with one.
 */
export interface NewConversationProps extends ComponentPropsWithoutRef<'div'> {
  /** Called with the conversation's id: the direct one, new or existing, or the new group. */
  onOpen: (conversationId: string) => void;
}

/** The panel's code, fetched when it is first opened: most visits never open it. */
export const panelChunk = lazyChunk(() => import('./NewConversationPanel'));

/**
 * A "new conversation" button that opens an inline people search; choosing a
 * person opens the direct conversation with them (the existing one if any). In
 * group mode, people found are toggled into the group (shown as removable chips
 * above the search), the group may be named, and Create opens the new group.
 *
 * @example
 * <NewConversation onOpen={(id) => setOpenId(id)} />
 */
export const NewConversation = forwardRef<HTMLDivElement, NewConversationProps>(
  function NewConversation({ onOpen, className, onKeyDown, ...props }, ref) {
    const { strings } = useStrings();
    const [open, setOpen] = useState(false);
    const triggerRef = useRef<HTMLButtonElement>(null);
    const panelId = useId();

    const close = () => {
      setOpen(false);
      triggerRef.current?.focus();
    };

    const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key !== 'Escape' || !open) return;
      // Closes only the panel, not a dialog or widget around it.
      event.stopPropagation();
      event.preventDefault();
      close();
    };

    return (
      // biome-ignore lint/a11y/noStaticElementInteractions: a delegated Escape listener for the buttons and input inside; on the root so the host's onKeyDown runs first.
      <div
        ref={ref}
        className={cx('banter-new-conversation', className)}
        data-state={open ? 'open' : 'closed'}
        onKeyDown={composeHandlers(onKeyDown, handleKeyDown)}
        {...props}
      >
        <button
          ref={triggerRef}
          type="button"
          className="banter-new-conversation__trigger"
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          onClick={() => (open ? close() : setOpen(true))}
        >
          <PlusIcon />
          {strings.newConversation}
        </button>
        {open && (
          <Panel
            id={panelId}
            onCancel={close}
            onOpen={(conversationId) => {
              close();
              onOpen(conversationId);
            }}
          />
        )}
      </div>
    );
  },
);

/** The panel once its code is here; until then a status, or an error with Retry. */
function Panel(props: NewConversationPanelProps) {
  const { strings } = useStrings();
  const { module, failed, retry } = useChunk(panelChunk);
  if (module) return <module.NewConversationPanel {...props} />;
  return (
    <div id={props.id} className="banter-new-conversation__panel">
      <ChunkStatus failed={failed} retry={retry} />
      <button type="button" className="banter-new-conversation__cancel" onClick={props.onCancel}>
        {strings.cancel}
      </button>
    </div>
  );
}

function PlusIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
