import type { BanterStrings } from '../strings';

/** English defaults of the strings only the mentions chunk (MentionPicker) shows. */
export const mentionStrings = {
  mentionSuggestions: 'People to mention',
  mentionNoMatch: 'No one by that name',
} satisfies Partial<BanterStrings>;
