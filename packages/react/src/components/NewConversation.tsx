'use client';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useStrings } from '../i18n/strings-context';
import { lazyChunk } from '../utils/lazy-chunk';
import { ChunkDisclosure } from './ChunkDisclosure';

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
  function NewConversation({ onOpen, ...props }, ref) {
    const { strings } = useStrings();
    return (
      <ChunkDisclosure
        rootRef={ref}
        block="banter-new-conversation"
        trigger={
          <>
            <PlusIcon />
            {strings.newConversation}
          </>
        }
        chunk={panelChunk}
        panel={(module, id, close) => (
          <module.NewConversationPanel
            id={id}
            onCancel={close}
            onOpen={(conversationId) => {
              close();
              onOpen(conversationId);
            }}
          />
        )}
        pending={(close) => (
          <button type="button" className="banter-new-conversation__cancel" onClick={close}>
            {strings.cancel}
          </button>
        )}
        {...props}
      />
    );
  },
);

function PlusIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
