import { describe, expect, it } from 'vitest';
import { idProblem, isBlank, isWellFormed, textProblem } from './input-rules';
import { requestSchemas } from './request-schemas';

describe('input rules', () => {
  it('refuses NUL and unpaired surrogates in any text, and accepts paired ones', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('\uD800')).toMatch(/well-formed/);
    expect(textProblem('x\uDC00')).toMatch(/well-formed/);
    expect(textProblem('😀 fine\nnew line')).toBeNull();
    expect(isWellFormed('\uD83D\uDE00')).toBe(true);
  });

  it('calls blank exactly the JS trim whitespace plus the zero-width format characters', () => {
    for (const blank of [
      '',
      ' \t\n\r\u000B\f',
      '\u00A0\u3000\uFEFF',
      '\u200B\u200C\u200D\u2060\u180E',
    ]) {
      expect(isBlank(blank), JSON.stringify(blank)).toBe(true);
    }
    for (const shown of ['.', '\u00AD', '\u3164', 'a\u200B']) {
      expect(isBlank(shown), JSON.stringify(shown)).toBe(false);
    }
  });

  it('refuses ids that would need trimming or repair instead of changing them', () => {
    expect(idProblem('user-ann')).toBeNull();
    expect(idProblem('eve\uD800')).toMatch(/well-formed/);
    expect(idProblem(' ann')).toMatch(/whitespace/);
    expect(idProblem('a\u0007b')).toMatch(/control/);
    expect(idProblem('\u200B')).toMatch(/blank/);
    expect(idProblem('a'.repeat(129))).toMatch(/at most 128/);
  });

  it('applies the same rules in the request schemas, naming the field', () => {
    const result = requestSchemas['conversation:create'].safeParse({
      kind: 'group',
      participantIds: ['ok', 'eve\uD800'],
      title: 'Trip\uDC00',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'participantIds.1',
      'title',
    ]);
  });

  it('treats a blank title as none and trims any other', () => {
    const parse = (title: string) =>
      requestSchemas['conversation:create'].parse({ kind: 'group', participantIds: [], title });
    expect(parse('\u200B \u00A0')).toMatchObject({ title: '' });
    expect(parse('  Saturday  ')).toMatchObject({ title: 'Saturday' });
  });

  it('refuses blank bodies and queries by the same definition', () => {
    const send = requestSchemas['message:send'].safeParse({
      conversationId: 'c',
      clientId: 'k',
      body: '\u200B\n',
    });
    expect(send.success).toBe(false);
    expect(requestSchemas['user:search'].safeParse({ query: '\u2060' }).success).toBe(false);
  });
});
