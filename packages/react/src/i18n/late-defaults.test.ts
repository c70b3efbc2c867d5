import { describe, expect, it } from 'vitest';
import { emojiPickerStrings } from './chunk-strings/emoji-picker';
import { mentionStrings } from './chunk-strings/mentions';
import { menuStrings } from './chunk-strings/menus';
import { messageSearchStrings } from './chunk-strings/message-search';
import { newConversationStrings } from './chunk-strings/new-conversation';
import { reportStrings } from './chunk-strings/report';
import { lateDefaults, withLateDefaults } from './late-defaults';
import { defaultStrings, pageStrings } from './strings';

const chunkParts = [
  emojiPickerStrings,
  mentionStrings,
  menuStrings,
  messageSearchStrings,
  newConversationStrings,
  reportStrings,
];

describe('English strings split between the page and lazy chunks', () => {
  it('gives every key exactly once: defaultStrings is the page’s and the chunks’ strings together', () => {
    const keys = [pageStrings, ...chunkParts].flatMap((part) => Object.keys(part));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(Object.keys(defaultStrings).sort());
  });

  it('keeps chunk strings off the page until the chunk registers them, then resolves them', async () => {
    const strings = withLateDefaults(pageStrings, { send: 'Envoyer' });
    expect(Object.hasOwn(pageStrings, 'reportTitle')).toBe(false);
    expect(strings.send).toBe('Envoyer');
    await import('./chunk-strings/register-report');
    expect(lateDefaults.reportTitle).toBe('Report message');
    expect(strings.reportTitle).toBe('Report message');
    expect(withLateDefaults(pageStrings, { reportTitle: 'Signaler' }).reportTitle).toBe('Signaler');
  });
});
