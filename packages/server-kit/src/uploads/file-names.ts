import { protocolLimits } from '@banter/core/protocol';

/*
 * The stored name of an upload is for people to read, never a path: the
 * stores name their files by upload id. These rules still make the name safe
 * to put in a Content-Disposition header and to show next to other text.
 */

/** C0 and C1 controls, and the bidirectional controls that can make `gpj.exe` read as `exe.jpg`. */
const invisibleControls =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Characters Windows refuses in names, and that quote or bracket in headers and HTML. */
const reservedCharacters = /[<>:"|?*]/g;
/** Names Windows gives to devices: `con.txt` would open the console there. */
const deviceNames = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * The name an upload is stored and shown under: the last path segment only
 * (`../../etc/passwd` is `passwd`, `C:\x\y.txt` is `y.txt`), without control or
 * bidi characters, with `<>:"|?*` as `_`, without leading dots or surrounding
 * spaces, at most `protocolLimits.uploadNameLength` UTF-16 units with its
 * extension kept, and `file` when nothing is left.
 *
 * @example
 * sanitizeFileName('../../a\u202Egpj.exe'); // 'agpj.exe'
 */
export function sanitizeFileName(name: string): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? '';
  let clean = lastSegment
    .replace(invisibleControls, '')
    .replace(reservedCharacters, '_')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (deviceNames.test(clean)) clean = `_${clean}`;
  clean = shorten(clean, protocolLimits.uploadNameLength);
  return clean === '' ? 'file' : clean;
}

/** At most `max` UTF-16 units, keeping a short extension and never splitting a surrogate pair. */
function shorten(name: string, max: number): string {
  if (name.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  return cut(name.slice(0, name.length - extension.length), max - extension.length) + extension;
}

function cut(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  // A high surrogate at the end would be half a character: drop it too.
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/**
 * A `Content-Disposition` value that every browser reads: an ASCII fallback
 * `filename` and the exact name as RFC 5987 `filename*`.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
