/**
 * `@banter/core/uploads`: the parts of uploading that only run once a file is
 * sent or an uploaded file is shown (the outbox's upload step, the HTTP byte
 * sender, the read-URL cache). The client loads this entry on first use with
 * a dynamic import (see load-upload-machinery.ts), so a page that never
 * sends or shows a file never downloads it. Not an API of its own: the client
 * is what uses it.
 *
 * Built as an entry of its own (tsup has `splitting: false`), it carries its
 * own `ChatError` class; `wireUploads` is handed the client's and turns
 * errors from one class into the other where they cross.
 *
 * @packageDocumentation
 */
export type { UploadWiring, WiredUploads } from './wire-uploads';
export { wireUploads } from './wire-uploads';
