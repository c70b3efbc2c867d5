import { rasterImageTypes } from './media-types';
import type { UploadRow } from './upload-sql';
import type { ServeAs } from './upload-store';

/** Raster images sniffed and processed as such are inline; everything else downloads. */
export function serveAsOf(row: UploadRow): ServeAs {
  return serveAsFor(row.type, row.width !== null, row.name);
}

/** The same decision from its parts: a stored type, whether the image was processed, the name. */
export function serveAsFor(type: string | null, processed: boolean, fileName: string): ServeAs {
  return type !== null && rasterImageTypes.has(type) && processed
    ? { contentType: type, disposition: 'inline', fileName }
    : { contentType: 'application/octet-stream', disposition: 'attachment', fileName };
}

/** Thumbnails are always WebP images the server wrote. */
export function thumbnailServeAs(row: Pick<UploadRow, 'name'>): ServeAs {
  return { contentType: 'image/webp', disposition: 'inline', fileName: `${row.name}.webp` };
}
