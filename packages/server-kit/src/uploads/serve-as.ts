import { rasterImageTypes } from './media-types';
import type { UploadRow } from './upload-sql';
import type { ServeAs } from './upload-store';

/** Raster images sniffed and processed as such are inline; everything else downloads. */
export function serveAsOf(row: UploadRow): ServeAs {
  const image = row.type !== null && rasterImageTypes.has(row.type) && row.width !== null;
  return image
    ? { contentType: row.type as string, disposition: 'inline', fileName: row.name }
    : { contentType: 'application/octet-stream', disposition: 'attachment', fileName: row.name };
}

/** Thumbnails are always WebP images the server wrote. */
export function thumbnailServeAs(row: UploadRow): ServeAs {
  return { contentType: 'image/webp', disposition: 'inline', fileName: `${row.name}.webp` };
}
