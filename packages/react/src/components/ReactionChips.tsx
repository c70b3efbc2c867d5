'use client';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useUserNames } from '../hooks/use-user-names';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';
import { displayEmoji, sameEmoji } from '../utils/emoji';

/** One emoji's reactions on a message, as the client's rows carry them. */
export interface ReactionSummary {
  /** The emoji. */
  emoji: string;
  /** How many people reacted with it. */
  count: number;
  /** The first users who reacted (the server names a few). */
  userIds: string[];
  /** Whether the viewer did. */
  reacted: boolean;
}

/** The reaction chips under a bubble. */
export interface ReactionChipsProps extends Omit<ComponentPropsWithoutRef<'div'>, 'onToggle'> {
  /** One chip per emoji, in the order given. */
  reactions: ReactionSummary[];
  /** Emoji with an add or remove still on its way to the server. */
  pending?: string[];
  /** A chip was pressed: `add` is false when removing the viewer's reaction. */
  onToggle: (emoji: string, add: boolean) => void;
}

/**
 * The reactions under a bubble: one toggle button per emoji with its count,
 * pressed when the reader reacted. Its accessible name says who reacted, and
 * so does a tooltip on hover and focus.
 */
export const ReactionChips = forwardRef<HTMLDivElement, ReactionChipsProps>(function ReactionChips(
  { reactions, pending = [], onToggle, className, ...props },
  ref,
) {
  const { strings } = useStrings();
  if (reactions.length === 0) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would draw a form frame around chips that are not a form
    <div
      ref={ref}
      role="group"
      aria-label={strings.reactionsLabel}
      className={cx('banter-reactions', className)}
      {...props}
    >
      {reactions.map((reaction) => (
        <ReactionChip
          key={reaction.emoji}
          reaction={reaction}
          pending={pending.some((emoji) => sameEmoji(emoji, reaction.emoji))}
          onToggle={onToggle}
        />
      ))}
    </div>
  );
});

function ReactionChip({
  reaction,
  pending,
  onToggle,
}: {
  reaction: ReactionSummary;
  pending: boolean;
  onToggle: (emoji: string, add: boolean) => void;
}) {
  const { strings, locale } = useStrings();
  const names = useUserNames(reaction.userIds);
  const who = strings.reactedBy(names, Math.max(0, reaction.count - names.length), locale);
  const emoji = displayEmoji(reaction.emoji);
  return (
    <button
      type="button"
      className="banter-reactions__chip"
      aria-pressed={reaction.reacted}
      aria-label={strings.reactionSummary(emoji, reaction.count, who, locale)}
      data-reacted={reaction.reacted || undefined}
      data-pending={pending || undefined}
      onClick={() => onToggle(reaction.emoji, !reaction.reacted)}
    >
      <span aria-hidden="true">{emoji}</span>
      <span className="banter-reactions__count" aria-hidden="true">
        {new Intl.NumberFormat(locale).format(reaction.count)}
      </span>
      {who && (
        // The name already says it; the tooltip is for eyes only.
        <span className="banter-reactions__tip" aria-hidden="true">
          {who}
        </span>
      )}
    </button>
  );
}
