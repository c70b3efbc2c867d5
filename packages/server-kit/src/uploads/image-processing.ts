import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ChatError } from '@banter/core/protocol';
import sharp, { type Sharp } from 'sharp';

/** Longest side of a thumbnail, in pixels. */
export const thumbnailSize = 320;

/** A raster image made safe to share: re-encoded files on local disk, and what a bubble needs. */
export interface ProcessedImage {
  /** The image, upright, re-encoded in its own format without metadata. */
  filePath: string;
  /** A WebP of at most `thumbnailSize` px on its longest side. */
  thumbnailPath: string;
  /** Width in pixels after rotation. */
  width: number;
  /** Height in pixels after rotation (one frame's, for an animation). */
  height: number;
  /** The dominant colour, `#rrggbb`. */
  placeholder: string;
  /** Deletes the local files. */
  cleanup(): Promise<void>;
}

/**
 * Decodes an image from a stream and writes it again: rotated upright by its
 * EXIF orientation, and without EXIF, GPS, XMP or ICC comments (sharp keeps
 * no metadata unless asked). Anything that does not decode as `type` is
 * `file_type_mismatch`; more than `maxPixels` is `file_too_large`.
 */
export async function processImage(
  source: Readable,
  type: string,
  maxPixels: number,
): Promise<ProcessedImage> {
  const dir = await mkdtemp(join(tmpdir(), 'banter-image-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const filePath = join(dir, 'file');
    const thumbnailPath = join(dir, 'thumbnail.webp');
    const animated = type === 'image/gif' || type === 'image/webp';
    const image = encoderFor(
      sharp({ limitInputPixels: maxPixels, animated, failOn: 'error' }).rotate(),
      type,
    );
    // sharp reads the stream as it decodes: the bytes are never all in memory at once.
    source.on('error', (error) => image.destroy(error));
    source.pipe(image);
    await image.toFile(filePath);
    const metadata = await sharp(filePath, { animated }).metadata();
    const width = metadata.width;
    const height = metadata.pageHeight ?? metadata.height;
    await sharp(filePath)
      .resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toFile(thumbnailPath);
    const { dominant } = await sharp(filePath).stats();
    return { filePath, thumbnailPath, width, height, placeholder: hex(dominant), cleanup };
  } catch (error) {
    await cleanup();
    throw imageError(error);
  }
}

function encoderFor(image: Sharp, type: string): Sharp {
  switch (type) {
    case 'image/jpeg':
      return image.jpeg({ quality: 90 });
    case 'image/png':
      return image.png();
    case 'image/gif':
      return image.gif();
    default:
      return image.webp({ quality: 90 });
  }
}

function imageError(error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  const text = String(error instanceof Error ? error.message : error);
  if (/pixel limit/i.test(text)) {
    return new ChatError(
      'file_too_large',
      'unable to complete upload: the image has too many pixels',
    );
  }
  return new ChatError(
    'file_type_mismatch',
    'unable to complete upload: the image cannot be read',
    { cause: error },
  );
}

function hex({ r, g, b }: { r: number; g: number; b: number }): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}
