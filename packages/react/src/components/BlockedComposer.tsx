'use client';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useChatClient } from '../hooks/use-chat-state';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';

/** In place of the composer of a direct conversation with someone the viewer blocked. */
export interface BlockedComposerProps extends ComponentPropsWithoutRef<'div'> {
  /** The person blocked. */
  userId: string;
}

/**
 * "You blocked this person" and Unblock, where the composer would be: the
 * server refuses sends both ways while the block lasts, so there is nothing
 * to type into.
 */
export const BlockedComposer = forwardRef<HTMLDivElement, BlockedComposerProps>(
  function BlockedComposer({ userId, className, ...props }, ref) {
    const { strings } = useStrings();
    const client = useChatClient();
    return (
      <div ref={ref} className={cx('banter-blocked-composer', className)} {...props}>
        <span>{strings.youBlocked}</span>
        <button
          type="button"
          className="banter-blocked-composer__unblock"
          onClick={() => client.unblockUser(userId)}
        >
          {strings.unblock}
        </button>
      </div>
    );
  },
);
