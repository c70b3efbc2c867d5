'use client';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';

/** Who is typing, announced politely to screen readers. */
export interface TypingIndicatorProps extends ComponentPropsWithoutRef<'div'> {
  /** Display names of the people typing now; empty when nobody is. */
  names: string[];
}

/**
 * "Bob is typing…" with three animated dots. The element stays mounted while
 * nobody types: screen readers only announce changes inside a live region
 * that already exists, so removing it would silence the next announcement.
 */
export const TypingIndicator = forwardRef<HTMLDivElement, TypingIndicatorProps>(
  function TypingIndicator({ names, className, ...props }, ref) {
    const { strings, locale } = useStrings();
    const active = names.length > 0;
    return (
      <div
        ref={ref}
        className={cx('banter-typing', className)}
        data-state={active ? 'active' : 'idle'}
        role="status"
        aria-live="polite"
        aria-atomic="true"
        {...props}
      >
        {active && (
          <>
            <span className="banter-typing__dots" aria-hidden="true">
              <span className="banter-typing__dot" />
              <span className="banter-typing__dot" />
              <span className="banter-typing__dot" />
            </span>
            <span className="banter-typing__text">{strings.typing(names, locale)}</span>
          </>
        )}
      </div>
    );
  },
);
