import { newClientId } from '../client/client-id';
import type { ChatClientOptions } from '../client/options';
import type { OutboxUploads } from '../outbox/outbox';
import { ChatError, protocolLimits, type UploadUrls } from '../protocol';
import type { PendingMessage } from '../store/state';
import type { ChatTransport } from '../transport/chat-transport';
import type { Request } from '../transport/requester';
import { memoryBlobStore, type UploadBlobStore } from './blob-store';
import { loadUploadMachinery } from './load-upload-machinery';
import type { FileInput, PendingUpload } from './pending-upload';
import type { WiredUploads } from './wire-uploads';

/** A picked file as `sendMessage` takes it: a `File`, or a blob with a name. */
export type SendFile = File | FileInput;

/** The upload side of one client: the outbox's step, the queued bytes, the read URLs. */
export interface ClientUploads {
  /** Plugged into the outbox. */
  outbox: OutboxUploads;
  /** Signed read URLs of an uploaded file, asked again once they expire. */
  urls(conversationId: string, uploadId: string): Promise<UploadUrls>;
  /** The files of a new send, as shown at once; their bytes are kept under each file's clientId. */
  queue(files: readonly SendFile[]): PendingUpload[];
  /** The bytes of a queued file (for a local preview), while the send waits. */
  blob(uploadClientId: string): Promise<Blob | undefined>;
}

const asInput = (file: SendFile): FileInput =>
  'blob' in file ? file : { blob: file, name: (file as File).name };

/**
 * Wires uploads for `createChatClient`: queued blobs stay in a memory map for
 * this page and in `options.uploadBlobStore` (for example
 * `indexedDbBlobStore()`) for the next one. Queuing is here, as a send shows
 * its files at once; the upload step, the byte sender and the read URLs are
 * loaded on first use (wire-uploads.ts).
 */
export function clientUploads(
  options: ChatClientOptions,
  transport: ChatTransport,
  request: Request,
): ClientUploads {
  const kept = options.uploadBlobStore ?? memoryBlobStore();
  // This page's files, at once: the persistent store's write may still be under way when the
  // outbox starts the upload.
  const fresh = new Map<string, Blob>();
  const blobs: UploadBlobStore = {
    put: async (key, blob) => {
      fresh.set(key, blob);
      await kept.put(key, blob);
    },
    get: async (key) => fresh.get(key) ?? kept.get(key),
    delete: async (key) => {
      fresh.delete(key);
      await kept.delete(key);
    },
  };
  const dropBytes = (message: PendingMessage) => {
    for (const file of message.uploads ?? []) void blobs.delete(file.clientId).catch(() => {});
  };
  // The rest of uploading is loaded on first use (load-upload-machinery.ts), then wired once.
  let wired: WiredUploads | undefined;
  const loaded = () =>
    loadUploadMachinery().then((m) => {
      wired ??= m.wireUploads({ options, transport, request, blobs, ChatError });
      return wired;
    });
  return {
    outbox: {
      upload: (message, onChange, active) =>
        loaded().then((u) => u.upload(message, onChange, active)),
      release(message, { cancelled }) {
        if (!cancelled) return dropBytes(message);
        void loaded()
          .then((u) => u.forget(message))
          .catch(() => {});
      },
    },
    urls: (conversationId, uploadId) => loaded().then((u) => u.urls(conversationId, uploadId)),
    queue(files) {
      if (files.length > protocolLimits.uploadIdsPerRequest) {
        throw new ChatError(
          'bad_request',
          `at most ${protocolLimits.uploadIdsPerRequest} files go in one message`,
        );
      }
      return files.map((file) => {
        const input = asInput(file);
        const upload: PendingUpload = {
          clientId: newClientId(),
          name: input.name ?? 'file',
          size: input.blob.size,
          type: input.blob.type,
          uploadId: null,
          sent: 0,
          status: 'queued',
          width: input.width ?? null,
          height: input.height ?? null,
          placeholder: null,
        };
        fresh.set(upload.clientId, input.blob);
        void kept.put(upload.clientId, input.blob).catch(() => {});
        return upload;
      });
    },
    blob: (key) => blobs.get(key),
  };
}
