'use client';
import { type ComponentPropsWithoutRef, forwardRef, useState } from 'react';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';

/** A user's picture, or their initials, with an optional presence dot. */
export interface AvatarProps extends ComponentPropsWithoutRef<'span'> {
  /** Whose avatar: the initials and the accessible name come from it. */
  name: string;
  /** The picture; initials when absent or when it fails to load. */
  src?: string | null;
  /** Shows a presence dot: true online, false offline, undefined none. */
  online?: boolean;
  /** Default `medium`. */
  size?: 'small' | 'medium' | 'large';
}

/** Initials from a name: "Ann Lee" → "AL". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]];
  return letters
    .map((word) => (word ? [...word][0]?.toUpperCase() : ''))
    .join('')
    .slice(0, 2);
}

/**
 * A person's picture, or their initials when there is none (or it fails to
 * load), with an optional presence dot. Decorative next to a visible name:
 * pass `aria-hidden` there.
 */
export const Avatar = forwardRef<HTMLSpanElement, AvatarProps>(function Avatar(
  { name, src, online, size = 'medium', className, ...props },
  ref,
) {
  const { strings } = useStrings();
  const [broken, setBroken] = useState<string | null>(null);
  const showImage = src && broken !== src;
  return (
    <span
      ref={ref}
      className={cx('banter-avatar', className)}
      data-size={size}
      data-online={online === undefined ? undefined : String(online)}
      role="img"
      aria-label={
        online === undefined ? name : `${name}, ${online ? strings.online : strings.offline}`
      }
      {...props}
    >
      {showImage ? (
        <img className="banter-avatar__image" src={src} alt="" onError={() => setBroken(src)} />
      ) : (
        <span className="banter-avatar__initials" aria-hidden="true">
          {initialsOf(name)}
        </span>
      )}
      {online !== undefined && <span className="banter-avatar__presence" aria-hidden="true" />}
    </span>
  );
});
