import { isUtf8 } from 'node:buffer';
import { ChatError } from '@banter/core/protocol';

/**
 * Reads a raw query string (`a=1&b=x%20y`). Written here rather than taken
 * from Express because both of its parsers turn bytes that are not UTF-8 into
 * U+FFFD, and Banter refuses text instead of rewriting it. A key given twice
 * becomes a list; keys are kept as own properties whatever their name (even
 * `__proto__`), so the payload admission check sees them.
 */
export function parseQuery(raw: string): Record<string, string | string[]> {
  const fields = new Map<string, string | string[]>();
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = decodeComponent(equals === -1 ? part : part.slice(0, equals));
    const value = decodeComponent(equals === -1 ? '' : part.slice(equals + 1));
    if (key === null || value === null) {
      const path = key ?? '(query)';
      throw new ChatError('bad_request', `invalid query string: ${path} is not UTF-8`, {
        issues: [{ path, message: 'must be percent-encoded UTF-8' }],
      });
    }
    const earlier = fields.get(key);
    fields.set(
      key,
      earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value],
    );
  }
  return Object.fromEntries(fields);
}

/** `+` and `%XX` decoded as UTF-8; null for a bad escape or bytes that are not UTF-8. */
function decodeComponent(text: string): string | null {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x25) {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (char === 0x2b) {
      bytes.push(0x20);
    } else if (char <= 0xff) {
      bytes.push(char); // Node hands over raw URL bytes one char each
    } else {
      bytes.push(...Buffer.from(text[i] as string));
    }
  }
  const buffer = Buffer.from(bytes);
  return isUtf8(buffer) ? buffer.toString('utf8') : null;
}

/**
 * Query strings carry only strings; these fields are numbers, booleans or
 * lists in the protocol. Anything that does not convert cleanly is passed on
 * unconverted, so validation names the field.
 */
const numberFields = new Set(['after', 'before', 'around', 'limit', 'seq']);
const booleanFields = new Set(['archived', 'muted', 'typing']);
const listFields = new Set(['userIds', 'participantIds', 'uploadIds']);

export function queryToPayload(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, convert(key, value)]),
  );
}

function convert(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (numberFields.has(key)) return /^\d+$/.test(value) ? Number(value) : value;
  if (booleanFields.has(key)) return value === 'true' ? true : value === 'false' ? false : value;
  if (listFields.has(key)) return value === '' ? [] : value.split(',');
  return value;
}
