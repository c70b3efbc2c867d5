'use client';
import type { MessageStatus } from '@banter/core';
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';

/** The ticks of an own message: sending, sent, delivered, read, or failed. */
export interface StatusTicksProps extends ComponentPropsWithoutRef<'span'> {
  /** The status to draw; its name is the accessible label. */
  status: MessageStatus;
}

// Drawn in currentColor on a 16×16 grid so the icons follow the size and
// colour of the text around them; read and failed colours come from the CSS.
const ring = <circle cx="8" cy="8" r="5.75" />;
const doubleTick = (
  <>
    <path d="M0.5 8.5l3 3 6-7" />
    <path d="M7.5 11l0.5 0.5 6-7" />
  </>
);
// Read differs from delivered in shape, not only in colour: the two ticks are cut out of
// a filled disc, so the difference survives colour blindness, high-contrast modes and a
// theme whose read colour is close to the text's.
const readBadge = (
  <>
    <circle cx="8" cy="8" r="7.5" fill="currentColor" stroke="none" />
    <g className="banter-status-ticks__knockout">
      <path d="M3 8.25l2 2 3.75-4.5" />
      <path d="M7.75 10l0.25 0.25 3.75-4.5" />
    </g>
  </>
);
const icons: Record<MessageStatus, ReactNode> = {
  sending: (
    <>
      {ring}
      <path d="M8 4.75V8l2.25 1.5" />
    </>
  ),
  sent: <path d="M2.5 8.5l3 3 6-7" />,
  delivered: doubleTick,
  read: readBadge,
  failed: (
    <>
      {ring}
      <path d="M8 4.75v3.75M8 11v0.25" />
    </>
  ),
};

/**
 * An own message's delivery status as a small icon, named for screen readers
 * ("Sending", "Read", …) since the icon alone says nothing to them.
 */
export const StatusTicks = forwardRef<HTMLSpanElement, StatusTicksProps>(function StatusTicks(
  { status, className, ...props },
  ref,
) {
  const { strings } = useStrings();
  return (
    <span
      ref={ref}
      className={cx('banter-status-ticks', className)}
      data-status={status}
      role="img"
      aria-label={strings.messageStatus[status]}
      {...props}
    >
      <svg
        className="banter-status-ticks__icon"
        viewBox="0 0 16 16"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
      >
        {icons[status]}
      </svg>
    </span>
  );
});
