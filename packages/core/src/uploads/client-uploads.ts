import { newClientId } from '../client/client-id';
import type { ChatClientOptions } from '../client/options';
import type { OutboxUploads } from '../outbox/outbox';
import { ChatError, protocolLimits, type UploadUrls } from '../protocol';
import type { ChatTransport } from '../transport/chat-transport';
import type { Request } from '../transport/requester';
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
 * Wires uploads for `createChatClient`. Only queuing is here, as a send shows
 * its files at once: their bytes go in a memory map for this page and in
 * `options.uploadBlobStore` (for example `indexedDbBlobStore()`) for the
 * next one, even while offline, before any upload code is loaded. The upload
 * step, the byte sender, the read URLs and the release of bytes are loaded on
 * first use (wire-uploads.ts), so each call here only hands over to them.
 */
export function clientUploads(
  options: ChatClientOptions,
  transport: ChatTransport,
  request: Request,
): ClientUploads {
  const kept = options.uploadBlobStore;
  const fresh = new Map<string, Blob>();
  // The rest of uploading is loaded on first use (load-upload-machinery.ts), then wired once.
  let wired: WiredUploads | undefined;
  const loaded = () =>
    loadUploadMachinery().then(
      (m) => (wired ??= m.wireUploads({ options, transport, request, fresh, ChatError })),
    );
  return {
    outbox: {
      upload: (message, onChange, active) =>
        loaded().then((u) => u.upload(message, onChange, active)),
      release(message, how) {
        // A discarded text message has nothing to release: no reason to load the upload code.
        if (message.uploads?.length)
          void loaded()
            .then((u) => u.release(message, how))
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
        void kept?.put(upload.clientId, input.blob).catch(() => {});
        return upload;
      });
    },
    // Here, not in the loaded code: a restored send's previews work before (or without) it.
    blob: async (key) => fresh.get(key) ?? kept?.get(key),
  };
}
