'use client';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';

/** A group message from someone the viewer blocked, collapsed. */
export interface BlockedMessageProps extends ComponentPropsWithoutRef<'div'> {
  /** Show was pressed: the message is drawn in full. */
  onShow: () => void;
}

/**
 * "Message from someone you blocked" with a Show button, in place of the
 * message: the server still delivers group messages from a blocked person,
 * so the viewer decides whether to read one. Focusable like a message.
 */
export const BlockedMessage = forwardRef<HTMLDivElement, BlockedMessageProps>(
  function BlockedMessage({ onShow, className, ...props }, ref) {
    const { strings } = useStrings();
    return (
      <div
        ref={ref}
        className={cx('banter-message banter-notice', className)}
        data-blocked=""
        {...props}
      >
        <p>
          {strings.blockedMessage}{' '}
          <button type="button" className="banter-notice__show" onClick={onShow}>
            {strings.showMessage}
          </button>
        </p>
      </div>
    );
  },
);
