/**
 * A few emoji in Emojibase's shape (`data.json` and `messages.json` of the
 * `emojibase-data` package), for the full picker in tests and stories: no
 * network there, and a short list keeps them quick to read.
 */
const groups = [
  { key: 'smileys-emotion', message: 'smileys & emotion', order: 0 },
  { key: 'people-body', message: 'people & body', order: 1 },
  { key: 'travel-places', message: 'travel & places', order: 5 },
];

const skinTones = [
  { key: 'light', message: 'light skin tone' },
  { key: 'medium-light', message: 'medium-light skin tone' },
  { key: 'medium', message: 'medium skin tone' },
  { key: 'medium-dark', message: 'medium-dark skin tone' },
  { key: 'dark', message: 'dark skin tone' },
];

const toneMarks = ['\u{1F3FB}', '\u{1F3FC}', '\u{1F3FD}', '\u{1F3FE}', '\u{1F3FF}'];

/** One entry; `toned` adds the five skin tone variants as Emojibase lists them. */
function entry(emoji: string, label: string, group: number, tags: string[], toned = false) {
  return {
    emoji,
    label,
    group,
    subgroup: group * 10,
    version: 1,
    tags,
    ...(toned
      ? { skins: toneMarks.map((mark, i) => ({ emoji: `${emoji}${mark}`, tone: i + 1 })) }
      : {}),
  };
}

export const emojibaseData = [
  entry('😀', 'grinning face', 0, ['face', 'grin', 'happy']),
  entry('😂', 'face with tears of joy', 0, ['face', 'joy', 'laugh', 'tears']),
  entry('😍', 'smiling face with heart-eyes', 0, ['eye', 'face', 'love', 'smile']),
  entry('🤔', 'thinking face', 0, ['face', 'thinking']),
  entry('😮', 'face with open mouth', 0, ['face', 'mouth', 'open', 'surprise']),
  entry('😢', 'crying face', 0, ['cry', 'face', 'sad', 'tear']),
  entry('😡', 'enraged face', 0, ['angry', 'face', 'mad', 'rage']),
  entry('🥳', 'partying face', 0, ['celebration', 'hat', 'horn', 'party']),
  entry('❤️', 'red heart', 0, ['heart', 'love']),
  entry('💔', 'broken heart', 0, ['break', 'broken', 'heart']),
  entry('💯', 'hundred points', 0, ['100', 'full', 'score']),
  entry('👍', 'thumbs up', 1, ['+1', 'hand', 'thumb', 'up'], true),
  entry('👎', 'thumbs down', 1, ['-1', 'down', 'hand', 'thumb'], true),
  entry('👏', 'clapping hands', 1, ['clap', 'hand'], true),
  entry('🙏', 'folded hands', 1, ['ask', 'hand', 'please', 'pray', 'thanks'], true),
  entry('💪', 'flexed biceps', 1, ['biceps', 'flex', 'strong'], true),
  entry('👋', 'waving hand', 1, ['hand', 'wave'], true),
  entry('⛺', 'tent', 2, ['camping']),
  entry('🏕️', 'camping', 2, ['tent', 'outdoors']),
  entry('⛴️', 'ferry', 2, ['boat', 'passenger']),
  entry('🚲', 'bicycle', 2, ['bike']),
  entry('🏔️', 'snow-capped mountain', 2, ['cold', 'mountain', 'snow']),
];

export const emojibaseMessages = {
  groups,
  subgroups: groups.map((group) => ({
    key: group.key,
    message: group.message,
    order: group.order * 10,
  })),
  skinTones,
};

/**
 * Answers a request for Emojibase's files (`…/<locale>/data.json` or
 * `messages.json`, GET or HEAD) with the data above; anything else is null.
 */
export function emojibaseResponse(url: string): Response | null {
  const file = /\/[\w-]+\/(data|messages)\.json$/.exec(url)?.[1];
  if (!file) return null;
  return new Response(JSON.stringify(file === 'data' ? emojibaseData : emojibaseMessages), {
    headers: { 'content-type': 'application/json', etag: `"banter-fixture-${file}"` },
  });
}
