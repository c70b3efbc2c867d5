'use client';
import type { ChatState, ConnectionStatus } from '@banter/core';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useChatState } from '../hooks/use-chat-state';
import { useConnection } from '../hooks/use-connection';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';

/**
 * A banner saying the chat is offline, unreachable, reconnecting or refused, and how many messages
 * wait to be sent; empty and hidden while connected.
 */
export interface ConnectionBannerProps extends ComponentPropsWithoutRef<'div'> {
  /** Overrides the client's connection status (stories, custom transports). */
  status?: ConnectionStatus;
  /** Overrides the number of own messages waiting to be sent. */
  queuedCount?: number;
}

/** Own sends still waiting for the server, in every conversation. */
function countQueued(state: ChatState): number {
  let count = 0;
  for (const timeline of Object.values(state.timelines)) {
    for (const pending of timeline.pending) if (pending.status === 'sending') count++;
  }
  return count;
}

/**
 * Says when the chat is not connected (the device offline, the server out of
 * reach, or the server refusing this page), and how many messages wait to go
 * out, so people know their messages are queued rather than lost. The one
 * place the connection is spoken of. Empty and hidden while connected.
 */
export const ConnectionBanner = forwardRef<HTMLDivElement, ConnectionBannerProps>(
  function ConnectionBanner({ status, queuedCount, className, ...props }, ref) {
    const { strings, locale } = useStrings();
    const connection = useConnection();
    // A number, so the banner re-renders only when the count changes.
    const queuedInClient = useChatState(countQueued);
    const current = status ?? connection.status;
    const queued = queuedCount ?? queuedInClient;
    const shown = current !== 'connected';
    // `offline` with the device online: the server is out of reach (an override means the device).
    const unreachable = status === undefined && current === 'offline' && !connection.deviceOffline;
    // Banned: the account itself is refused; the server's message says why.
    const banned = current === 'refused' && connection.error?.code === 'banned';
    // The live region stays mounted (empty while connected): a status element inserted
    // at the moment of a change is not announced by every screen reader.
    return (
      <div
        ref={ref}
        className={cx('banter-connection-banner', className)}
        data-state={current}
        data-reason={banned ? 'banned' : undefined}
        role="status"
        hidden={!shown}
        {...props}
      >
        {shown && (
          <span className="banter-connection-banner__status">
            {banned
              ? strings.banned
              : unreachable
                ? strings.serverUnreachable
                : strings.connection[current]}
          </span>
        )}
        {banned && (
          <span className="banter-connection-banner__detail" dir="auto">
            {connection.error?.message}
          </span>
        )}
        {shown && !banned && queued > 0 && (
          <span className="banter-connection-banner__queued">{strings.queued(queued, locale)}</span>
        )}
      </div>
    );
  },
);
