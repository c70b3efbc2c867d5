'use client';
import '../i18n/chunk-strings/register-emoji-picker';
import {
  defaultEmojiDataResolver,
  type EmojiDataResolver,
  type EmojiPickerListCategoryHeaderProps,
  type EmojiPickerListEmojiProps,
  type EmojiPickerListRowProps,
  EmojiPicker as Picker,
} from 'frimousse';
import {
  createContext,
  type MutableRefObject,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
} from 'react';
import type { BanterStrings } from '../i18n/strings';

/*
 * The full emoji picker, loaded as its own chunk by ReactionPicker the first
 * time a reader asks for more reactions. It imports nothing of Banter's at run
 * time (what it needs comes in as props), so the chunk holds this file and
 * frimousse alone, and the main bundle shares nothing with it.
 */

export interface EmojiPickerProps {
  strings: BanterStrings;
  locale: string;
  /** Where the Emojibase JSON is fetched from (`${url}/${locale}/data.json`); frimousse's CDN when unset. */
  emojibaseUrl?: string;
  isReacted: (emoji: string) => boolean;
  onPick: (emoji: string) => void;
  /** The emoji data could not be fetched: frimousse itself would keep showing its loading state. */
  onDataError: (error: unknown) => void;
  /** Shown while the data loads: the same view as while this chunk loads. */
  loading: ReactNode;
}

/** The locales Emojibase publishes; any other falls back to its language, then to English. */
const emojibaseLocales = [
  'bn',
  'da',
  'de',
  'en-gb',
  'en',
  'es-mx',
  'es',
  'et',
  'fi',
  'fr',
  'hi',
  'hu',
  'it',
  'ja',
  'ko',
  'lt',
  'ms',
  'nb',
  'nl',
  'pl',
  'pt',
  'ru',
  'sv',
  'th',
  'uk',
  'vi',
  'zh-hant',
  'zh',
];

export function emojibaseLocale(locale: string): string {
  const tag = locale.toLowerCase();
  const language = tag.split('-')[0];
  return (
    emojibaseLocales.find((l) => l === tag) ?? emojibaseLocales.find((l) => l === language) ?? 'en'
  );
}

interface Choice extends Pick<EmojiPickerProps, 'strings' | 'isReacted'> {
  /** Whether the mark last moved by key (scroll it into view) or by pointer (leave the scroll alone). */
  byKeyboard: MutableRefObject<boolean>;
}

// The list's parts are components frimousse renders; a context hands them what changes.
const ChoiceContext = createContext<Choice | null>(null);

function EmojiChoice({
  emoji,
  'aria-colindex': column,
  role: _,
  ...props
}: EmojiPickerListEmojiProps) {
  const choice = useContext(ChoiceContext);
  const button = useRef<HTMLButtonElement>(null);
  const reacted = choice?.isReacted(emoji.emoji) ?? false;
  // Rows are numbered from 1 here (see Row), so frimousse's own scrolling aims one row high.
  useEffect(() => {
    if (emoji.isActive && choice?.byKeyboard.current)
      button.current?.scrollIntoView({ block: 'nearest' });
  }, [emoji.isActive, choice]);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a cell of frimousse's grid of divs, and a button to click
    <button
      ref={button}
      type="button"
      {...props}
      role="gridcell"
      // frimousse counts columns from 0; ARIA counts from 1.
      aria-colindex={column === undefined ? undefined : column + 1}
      aria-label={choice ? choice.strings.emojiChoice(emoji.label, reacted) : emoji.label}
      className="banter-emoji-picker__emoji"
      data-reacted={reacted || undefined}
    >
      {emoji.emoji}
    </button>
  );
}

function CategoryHeader({ category, ...props }: EmojiPickerListCategoryHeaderProps) {
  return (
    <div {...props} className="banter-emoji-picker__category">
      {category.label}
    </div>
  );
}

function Row({ 'aria-rowindex': row, role: _, ...props }: EmojiPickerListRowProps) {
  // The hidden row frimousse measures has no index, and no role.
  if (row === undefined) return <div {...props} className="banter-emoji-picker__row" />;
  // frimousse counts rows from 0; ARIA counts from 1.
  return (
    // biome-ignore lint/a11y/useSemanticElements: frimousse's grid is virtualized divs it positions, not a table
    // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the search field; arrow keys move the mark
    <div {...props} role="row" aria-rowindex={row + 1} className="banter-emoji-picker__row" />
  );
}

const listParts = { Emoji: EmojiChoice, CategoryHeader, Row };

/**
 * A searchable grid of every emoji, built on frimousse. Focus stays in the
 * search field: typing filters and marks the first match, arrow keys move the
 * mark through the grid, Enter picks it; a click picks too.
 */
export function EmojiPicker({
  strings,
  locale,
  emojibaseUrl,
  isReacted,
  onPick,
  onDataError,
  loading,
}: EmojiPickerProps) {
  const byKeyboard = useRef(false);
  const reportError = useRef(onDataError);
  reportError.current = onDataError;
  // frimousse only logs a failed fetch and keeps loading; this passes the failure on.
  const resolveEmojiData = useCallback<EmojiDataResolver>(async (emojiLocale, options) => {
    try {
      return await defaultEmojiDataResolver(emojiLocale, options);
    } catch (error) {
      if (!options.signal?.aborted) reportError.current(error);
      throw error;
    }
  }, []);

  return (
    <ChoiceContext.Provider value={{ strings, isReacted, byKeyboard }}>
      <Picker.Root
        className="banter-emoji-picker"
        onKeyDown={() => {
          byKeyboard.current = true;
        }}
        onPointerMove={() => {
          byKeyboard.current = false;
        }}
        locale={emojibaseLocale(locale)}
        columns={8}
        emojibaseUrl={emojibaseUrl}
        resolveEmojiData={resolveEmojiData}
        onEmojiSelect={({ emoji }) => onPick(emoji)}
      >
        <div className="banter-emoji-picker__bar">
          <Picker.Search
            className="banter-emoji-picker__search"
            aria-label={strings.searchEmoji}
            placeholder={strings.searchEmoji}
          />
          <Picker.SkinToneSelector
            className="banter-emoji-picker__skin-tone"
            aria-label={strings.skinTone}
          />
        </div>
        <Picker.Viewport className="banter-emoji-picker__viewport">
          <Picker.Loading className="banter-emoji-picker__loading">{loading}</Picker.Loading>
          <Picker.Empty className="banter-emoji-picker__empty">{strings.noEmojiFound}</Picker.Empty>
          <Picker.List aria-label={strings.emojiPicker} components={listParts} />
        </Picker.Viewport>
      </Picker.Root>
    </ChoiceContext.Provider>
  );
}
