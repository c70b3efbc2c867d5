'use client';
import type { MessageView } from '@banter/core';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { formatTime } from '../i18n/format';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';

/** A message the host posted as `system`: a centred notice, not a bubble. */
export interface SystemNoticeProps extends ComponentPropsWithoutRef<'div'> {
  /** The message, of kind `system`. */
  message: MessageView;
}

/**
 * A notice from the host ("The seller marked this item as sold"): centred,
 * with no avatar, sender or actions. It is focusable like a message, so
 * the arrow keys of the list stop on it and a screen reader reads it in order.
 */
export const SystemNotice = forwardRef<HTMLDivElement, SystemNoticeProps>(function SystemNotice(
  { message, className, ...props },
  ref,
) {
  const { locale } = useStrings();
  return (
    <div
      ref={ref}
      className={cx('banter-message banter-system-notice', className)}
      data-kind="system"
      {...props}
    >
      <p className="banter-system-notice__text" dir="auto">
        {message.body}{' '}
        <time className="banter-system-notice__time" dateTime={message.createdAt}>
          {formatTime(message.createdAt, locale)}
        </time>
      </p>
    </div>
  );
});
