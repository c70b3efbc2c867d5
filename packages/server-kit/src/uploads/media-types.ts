import { ChatError } from '@banter/core/protocol';

/** What a server accepts unless its host says otherwise (`uploads.allowedTypes`). */
export const defaultAllowedTypes: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/zip',
  'text/plain',
  'text/csv',
  'audio/mpeg',
  'video/mp4',
];

/**
 * Raster images a browser shows and sharp re-encodes: the only files served
 * inline. SVG is not among them: it is a document that can run script.
 */
export const rasterImageTypes: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
]);

/** Other names clients give the same types (`File.type` varies by browser and OS). */
const aliases: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'application/x-zip-compressed': 'application/zip',
  'application/x-pdf': 'application/pdf',
  'audio/mp3': 'audio/mpeg',
};

/** The one name of a declared type. */
export function canonicalType(type: string): string {
  return aliases[type] ?? type;
}

/** Types whose content has no signature to sniff: text, and bytes the client does not name. */
function hasNoSignature(type: string): boolean {
  return type.startsWith('text/') || type === 'application/octet-stream';
}

/**
 * The type an upload is stored under, from what the client declared and what
 * the bytes are (`sniffed`, from file-type; undefined when no signature
 * matched). Refuses with `file_type_mismatch` when they disagree (an HTML page
 * or SVG declared `image/png`) and `file_type_not_allowed` when the sniffed
 * type is not on the list.
 */
export function decideType(
  declared: string,
  sniffed: string | undefined,
  allowed: ReadonlySet<string>,
): string {
  const want = canonicalType(declared);
  if (sniffed === undefined) {
    if (!hasNoSignature(want)) {
      throw new ChatError(
        'file_type_mismatch',
        `unable to complete upload: the content is not ${want}`,
      );
    }
    return want;
  }
  const found = canonicalType(sniffed);
  if (found !== want && want !== 'application/octet-stream') {
    throw new ChatError(
      'file_type_mismatch',
      `unable to complete upload: declared ${want} but the content is ${found}`,
    );
  }
  if (!allowed.has(found)) {
    throw new ChatError(
      'file_type_not_allowed',
      `unable to complete upload: files of type ${found} are not allowed`,
    );
  }
  return found;
}
