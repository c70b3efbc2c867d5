'use client';
import type { MessageView } from '@banter/core';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { cx } from '../utils/cx';

/** A message the host posted as `system`: a centred notice, not a bubble. */
export interface SystemNoticeProps extends ComponentPropsWithoutRef<'div'> {
  /** The message, of kind `system`. */
  message: MessageView;
}

/**
 * A notice from the host ("The seller marked this item as sold"): centred,
 * with no avatar, sender, time or actions. It is focusable like a message,
 * so the arrow keys of the list stop on it and a screen reader reads it in
 * order.
 */
export const SystemNotice = forwardRef<HTMLDivElement, SystemNoticeProps>(function SystemNotice(
  { message, className, ...props },
  ref,
) {
  return (
    <div
      ref={ref}
      className={cx('banter-message banter-notice', className)}
      data-kind="system"
      {...props}
    >
      <p dir="auto">{message.body}</p>
    </div>
  );
});
