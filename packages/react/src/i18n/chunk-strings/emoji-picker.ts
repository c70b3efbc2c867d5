import type { BanterStrings } from '../strings';

/** English defaults of the strings only the emoji picker chunk (EmojiPicker) shows. */
export const emojiPickerStrings = {
  searchEmoji: 'Search emoji',
  noEmojiFound: 'No emoji found',
  skinTone: 'Skin tone',
  emojiChoice: (label, reacted) => (reacted ? `${label}, your reaction` : label),
} satisfies Partial<BanterStrings>;
