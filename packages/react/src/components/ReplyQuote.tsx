'use client';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';

/** What a reply's quote knows of its original. */
export type QuotedOriginal =
  | {
      /** The original is held: the quote shows its sender and first line. */
      state: 'loaded';
      /** Who wrote the original, as the reader knows them (`strings.you` for their own). */
      senderName: string;
      /** The original's first line of text, or for an attachment, what it is. */
      excerpt: string;
    }
  | {
      /** The original was deleted: the quote shows its sender and `strings.replyDeleted`. */
      state: 'deleted';
      /** Who wrote the original, as the reader knows them. */
      senderName: string;
    }
  /** Not among the messages held: the quote can only say so. */
  | {
      /** The quote shows `strings.replyNotLoaded` and no sender. */
      state: 'missing';
    };

/** A reply quote's props: the original it stands for, plus any of its button's. */
export interface ReplyQuoteProps extends ComponentPropsWithoutRef<'button'> {
  /** What the quote shows; its `state` becomes the button's `data-state`, for styling. */
  original: QuotedOriginal;
}

/**
 * The quote at the top of a reply's bubble: who wrote the original and its
 * first line. It is a button: activating it goes to the original.
 */
export const ReplyQuote = forwardRef<HTMLButtonElement, ReplyQuoteProps>(function ReplyQuote(
  { original, className, ...props },
  ref,
) {
  const { strings } = useStrings();
  const text =
    original.state === 'loaded'
      ? original.excerpt
      : original.state === 'deleted'
        ? strings.replyDeleted
        : strings.replyNotLoaded;
  const sender = original.state === 'missing' ? '' : original.senderName;
  return (
    <button
      ref={ref}
      type="button"
      className={cx('banter-reply-quote', className)}
      data-state={original.state}
      // The two lines would otherwise run together as one word in the accessible name.
      aria-label={strings.quoteLabel(sender, text)}
      {...props}
    >
      {sender && <span className="banter-reply-quote__sender">{sender}</span>}
      <span className="banter-reply-quote__text" dir="auto">
        {text}
      </span>
    </button>
  );
});
