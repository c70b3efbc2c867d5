'use client';
import {
  type ComponentPropsWithoutRef,
  type ForwardedRef,
  type KeyboardEvent,
  type ReactNode,
  useId,
  useRef,
  useState,
} from 'react';
import { composeHandlers } from '../utils/compose-handlers';
import { cx } from '../utils/cx';
import { type Chunk, useChunk } from '../utils/lazy-chunk';
import { ChunkStatus } from './ChunkStatus';

/** What MessageSearch and NewConversation share: a button that opens a panel from a chunk. */
export interface ChunkDisclosureProps<M> extends ComponentPropsWithoutRef<'div'> {
  /** The root's class; the trigger and panel take `__trigger` and `__panel` after it. */
  block: string;
  /** The trigger's accessible name when its content has no text. */
  label?: string;
  /** The trigger's content. */
  trigger: ReactNode;
  /** The panel's code, fetched when it is first opened. */
  chunk: Chunk<M>;
  /** The panel once its code is here; `close` closes it and gives focus back to the trigger. */
  panel: (module: M, id: string, close: () => void) => ReactNode;
  /** Shown beside the loading status or Retry (a way to cancel). */
  pending?: (close: () => void) => ReactNode;
  rootRef: ForwardedRef<HTMLDivElement>;
}

/**
 * A button that opens a panel whose code is its own chunk: "Loading…" or Retry
 * until it is here. Escape closes it (only it, not a dialog around it) and
 * returns focus to the button.
 */
export function ChunkDisclosure<M>({
  block,
  label,
  trigger,
  chunk,
  panel,
  pending,
  rootRef,
  className,
  onKeyDown,
  ...props
}: ChunkDisclosureProps<M>) {
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const close = () => {
    setOpen(false);
    triggerRef.current?.focus();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    event.preventDefault();
    close();
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a delegated Escape listener for the panel inside; on the root so the host's onKeyDown runs first.
    <div
      ref={rootRef}
      className={cx(block, className)}
      data-state={open ? 'open' : 'closed'}
      onKeyDown={composeHandlers(onKeyDown, handleKeyDown)}
      {...props}
    >
      <button
        ref={triggerRef}
        type="button"
        className={`${block}__trigger`}
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {trigger}
      </button>
      {open && (
        <Panel
          id={panelId}
          className={`${block}__panel`}
          chunk={chunk}
          panel={(module) => panel(module, panelId, close)}
          pending={pending?.(close)}
        />
      )}
    </div>
  );
}

/** The panel once its code is here; until then a status, or an error with Retry. */
function Panel<M>(props: {
  id: string;
  className: string;
  chunk: Chunk<M>;
  panel: (module: M) => ReactNode;
  pending: ReactNode;
}) {
  const { module, failed, retry } = useChunk(props.chunk);
  if (module) return props.panel(module);
  return (
    <div id={props.id} className={props.className}>
      <ChunkStatus failed={failed} retry={retry} />
      {props.pending}
    </div>
  );
}
