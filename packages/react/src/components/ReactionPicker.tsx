'use client';
import {
  type ComponentPropsWithoutRef,
  type FocusEvent,
  forwardRef,
  type KeyboardEvent,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { useStrings } from '../i18n/strings-context';
import { composeHandlers } from '../utils/compose-handlers';
import { cx } from '../utils/cx';
import { sameEmoji } from '../utils/emoji';
import { lazyChunk, useChunk } from '../utils/lazy-chunk';
import { usePopupFocus } from '../utils/use-popup-focus';
import type { MenuCloseReason } from './ActionMenu';

type PickerModule = typeof import('./EmojiPicker');

/**
 * The full picker's code: its own chunk, fetched the first time a picker
 * opens and kept for the next ones. Tests replace `load` to hold or fail it.
 */
export const pickerChunk = lazyChunk<PickerModule>(() => import('./EmojiPicker'));

export interface ReactionPickerProps extends ComponentPropsWithoutRef<'div'> {
  /** Emoji the reader already reacted with: picking one of them again removes it. */
  reacted: string[];
  onReact: (emoji: string, add: boolean) => void;
  /** Escape: back to the menu that opened the picker. */
  onBack: () => void;
  /** Focus or a press went elsewhere; `target` is where. */
  onClose: (reason: MenuCloseReason, target?: Node) => void;
  /** Where the emoji data is fetched from (Emojibase JSON, `${url}/${locale}/data.json`); a public CDN when unset. */
  emojibaseUrl?: string;
}

/**
 * "More reactions": a dialog with every emoji, searchable, whose code loads
 * on first use (a status while it does, an error with Retry if it fails).
 * Focus goes to the search field; Escape goes back, and when the picker
 * closes focus returns where it was before it opened, as with the menu.
 */
export const ReactionPicker = forwardRef<HTMLDivElement, ReactionPickerProps>(
  function ReactionPicker(
    { reacted, onReact, onBack, onClose, emojibaseUrl, className, onKeyDown, onBlur, ...props },
    ref,
  ) {
    const { strings, locale } = useStrings();
    const panel = useRef<HTMLDivElement>(null);
    useImperativeHandle(ref, () => panel.current as HTMLDivElement);
    const close = useRef(onClose);
    close.current = onClose;
    const chunk = useChunk(pickerChunk);
    const picker = chunk.module;
    // The emoji data is fetched by the picker itself: its failure is told apart from the code's.
    const [dataFailed, setDataFailed] = useState(false);
    const failed = chunk.failed || dataFailed;
    // A retry mounts the picker afresh, so it fetches the emoji data again.
    const { attempt } = chunk;
    const status = failed ? 'failed' : picker ? 'ready' : 'loading';

    usePopupFocus(panel, (target) => close.current('outside', target ?? undefined));

    // biome-ignore lint/correctness/useExhaustiveDependencies: each new attempt mounts a new search field
    useEffect(() => {
      const element = panel.current;
      if (!element) return;
      const target =
        status === 'ready'
          ? element.querySelector<HTMLElement>('input')
          : status === 'failed'
            ? element.querySelector<HTMLElement>('button')
            : element;
      target?.focus();
    }, [status, attempt]);

    const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      onBack();
    };
    const handleBlur = (event: FocusEvent<HTMLDivElement>) => {
      const next = event.relatedTarget;
      if (next && !panel.current?.contains(next)) close.current('tab', next);
    };

    const loading = (
      <span role="status" className="banter-emoji-picker__status">
        <span className="banter-emoji-picker__spinner" aria-hidden="true" />
        {strings.loadingEmoji}
      </span>
    );

    return (
      <div
        ref={panel}
        role="dialog"
        aria-label={strings.emojiPicker}
        tabIndex={-1}
        className={cx('banter-reaction-picker', className)}
        data-state={status}
        onKeyDown={composeHandlers(onKeyDown, handleKeyDown)}
        onBlur={composeHandlers(onBlur, handleBlur)}
        {...props}
      >
        {status === 'failed' ? (
          <div role="alert" className="banter-emoji-picker__error">
            <p>{strings.emojiLoadFailed}</p>
            <button
              type="button"
              className="banter-emoji-picker__retry"
              onClick={() => {
                setDataFailed(false);
                chunk.retry();
              }}
            >
              {strings.retry}
            </button>
          </div>
        ) : picker ? (
          <picker.EmojiPicker
            key={attempt}
            strings={strings}
            locale={locale}
            emojibaseUrl={emojibaseUrl}
            isReacted={(emoji) => reacted.some((r) => sameEmoji(r, emoji))}
            onPick={(emoji) => onReact(emoji, !reacted.some((r) => sameEmoji(r, emoji)))}
            onDataError={() => setDataFailed(true)}
            loading={loading}
          />
        ) : (
          <div className="banter-emoji-picker__pending">{loading}</div>
        )}
      </div>
    );
  },
);
