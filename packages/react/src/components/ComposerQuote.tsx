'use client';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';

/** Above the composer: the message being replied to or edited, with a cancel button. */
export interface ComposerQuoteProps extends ComponentPropsWithoutRef<'div'> {
  /** Replying to a message, or editing one of yours. */
  mode: 'reply' | 'edit';
  /** For a reply, who wrote the original. */
  senderName?: string;
  /** The original's first line (reply) or the message being edited. */
  excerpt: string;
  /** Cancel was pressed (or Escape). */
  onCancel: () => void;
}

/**
 * Above the composer's text box while replying ("Replying to Bob" and the
 * quoted line) or editing ("Editing message"), with a button to cancel.
 */
export const ComposerQuote = forwardRef<HTMLDivElement, ComposerQuoteProps>(function ComposerQuote(
  { mode, senderName = '', excerpt, onCancel, className, ...props },
  ref,
) {
  const { strings } = useStrings();
  return (
    <div ref={ref} className={cx('banter-composer-quote', className)} data-mode={mode} {...props}>
      <div className="banter-composer-quote__body">
        <span className="banter-composer-quote__title">
          {mode === 'reply' ? strings.replyingTo(senderName) : strings.editingMessage}
        </span>
        <span className="banter-composer-quote__text" dir="auto">
          {excerpt}
        </span>
      </div>
      <button
        type="button"
        className="banter-composer-quote__cancel"
        aria-label={mode === 'reply' ? strings.cancelReply : strings.cancelEdit}
        onClick={onCancel}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.75" fill="none" />
        </svg>
      </button>
    </div>
  );
});
