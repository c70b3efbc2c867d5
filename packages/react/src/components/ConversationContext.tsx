'use client';
import type { Conversation } from '@banter/core';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { cx } from '../utils/cx';
import { contextOf } from './conversation-context';

/** The default drawing of what a conversation is about (its `metadata.context`). */
export interface ConversationContextProps extends ComponentPropsWithoutRef<'div'> {
  /** The conversation whose `metadata.context` is drawn. */
  conversation: Conversation;
}

/**
 * A strip under the header: picture, title (a link when there is a url) and
 * subtitle, from `metadata.context`. Text only, never HTML; the picture has a
 * fixed size so nothing moves when it loads. Renders nothing unless
 * `metadata.context` has the documented shape (`contextOf`). ChatWindow loads
 * it as a chunk of its own, only for conversations that have a context.
 */
export const ConversationContext = forwardRef<HTMLDivElement, ConversationContextProps>(
  function ConversationContext({ conversation, className, ...props }, ref) {
    const context = contextOf(conversation.metadata);
    if (!context) return null;
    return (
      <div ref={ref} className={cx('banter-context', className)} {...props}>
        {context.imageUrl && (
          <img
            className="banter-context__image"
            src={context.imageUrl}
            alt=""
            width={40}
            height={40}
            loading="lazy"
            referrerPolicy="no-referrer"
          />
        )}
        <span className="banter-context__text">
          {context.url ? (
            <a
              className="banter-context__title"
              href={context.url}
              target="_blank"
              rel="noopener noreferrer"
              dir="auto"
            >
              {context.title}
            </a>
          ) : (
            <span className="banter-context__title" dir="auto">
              {context.title}
            </span>
          )}
          {context.subtitle && (
            <span className="banter-context__subtitle" dir="auto">
              {context.subtitle}
            </span>
          )}
        </span>
      </div>
    );
  },
);
