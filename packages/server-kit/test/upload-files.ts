import type { Upload, UploadTarget } from '@banter/core/protocol';
import sharp from 'sharp';
import { type ClientSocket, ok, request } from './sockets';

/** A JPEG carrying EXIF with a camera make and GPS position, as phones write them. */
export async function jpegWithGps(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2a6fdb' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'BanterPhone', Model: 'Test' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' },
    })
    .toBuffer();
}

/** A small PNG. */
export function png(width = 32, height = 16): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: '#e03c31' } })
    .png()
    .toBuffer();
}

/** A minimal PDF: enough for its signature. */
export const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** A page that runs script, for disguising as an image. */
export const html = Buffer.from(
  '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
);

/** An SVG that runs script, for disguising as an image. */
export const svg = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>',
);

/** The absolute URL of a target or file URL (relative ones are under the server's `/chat` mount). */
export function absolute(serverUrl: string, url: string): string {
  return url.startsWith('/') ? `${serverUrl}/chat${url}` : url;
}

/** Makes the target's request with the bytes, as a browser's XHR would. */
export async function putBytes(
  serverUrl: string,
  target: UploadTarget,
  bytes: Uint8Array,
): Promise<Response> {
  return fetch(absolute(serverUrl, target.url), {
    method: target.method,
    headers: target.headers,
    body: new Blob([new Uint8Array(bytes)]),
  });
}

/** A file to upload. */
export interface TestFile {
  name: string;
  type: string;
  bytes: Uint8Array;
  clientId?: string;
}

let counter = 0;

/** create → PUT → complete, failing the test on any error; the completed upload. */
export async function uploadFile(
  socket: ClientSocket,
  serverUrl: string,
  conversationId: string,
  file: TestFile,
): Promise<Upload> {
  const { upload, target } = await ok(socket, 'upload:create', {
    conversationId,
    clientId: file.clientId ?? `file-${++counter}`,
    name: file.name,
    size: file.bytes.length,
    type: file.type,
  });
  if (!target) throw new Error('expected a target for a new upload');
  const put = await putBytes(serverUrl, target, file.bytes);
  if (!put.ok) throw new Error(`PUT failed: ${put.status} ${await put.text()}`);
  return ok(socket, 'upload:complete', { uploadId: upload.id });
}

/** create → PUT, then the raw answer of `upload:complete` (for refusals). */
export async function uploadAndComplete(
  socket: ClientSocket,
  serverUrl: string,
  conversationId: string,
  file: TestFile,
) {
  const { upload, target } = await ok(socket, 'upload:create', {
    conversationId,
    clientId: file.clientId ?? `file-${++counter}`,
    name: file.name,
    size: file.bytes.length,
    type: file.type,
  });
  if (!target) throw new Error('expected a target for a new upload');
  const put = await putBytes(serverUrl, target, file.bytes);
  if (!put.ok) throw new Error(`PUT failed: ${put.status} ${await put.text()}`);
  return { upload, completed: await request(socket, 'upload:complete', { uploadId: upload.id }) };
}
