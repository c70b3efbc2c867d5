import type { ChatClientOptions } from '../client/options';
import { ChatError, type UploadUrls } from '../protocol';
import type { PendingMessage } from '../store/state';
import type { ChatTransport } from '../transport/chat-transport';
import type { Request } from '../transport/requester';
import { adoptChatError } from './adopt-chat-error';
import { memoryBlobStore, type UploadBlobStore } from './blob-store';
import type { PendingUpload } from './pending-upload';
import { httpUploadBytes, type UploadBytes } from './upload-bytes';
import { forgetFiles, type UploadStepOptions, uploadFiles } from './upload-step';
import { UploadUrlCache } from './upload-urls';

/** What the client hands the upload code once it is loaded. */
export interface UploadWiring {
  /** The client's options (`uploadBytes`, `url`, `restPath`, `fetch`). */
  options: ChatClientOptions;
  /** The client's transport, which may bring its own byte sender. */
  transport: ChatTransport;
  /** The client's request, over whatever transport is up. */
  request: Request;
  /**
   * The bytes of files queued on this page, by their clientId (the client
   * fills it as a send is made; `options.uploadBlobStore` keeps them for the
   * next page).
   */
  fresh: Map<string, Blob>;
  /** The client's ChatError class: what every error handed back is an instance of. */
  ChatError: typeof ChatError;
}

/** The upload side of a client, as the client calls it once loaded. */
export interface WiredUploads {
  /** The outbox's upload step for one message (see upload-step.ts). */
  upload(
    message: PendingMessage,
    onChange: (clientId: string, uploads: PendingUpload[]) => void,
    active: () => boolean,
  ): Promise<string[]>;
  /**
   * A send with files was stored (its bytes are dropped) or cancelled (its
   * files are forgotten here and, best effort, on the server).
   */
  release(message: PendingMessage, how: { cancelled: boolean }): Promise<void>;
  /** The read URLs of one uploaded file (see upload-urls.ts). */
  urls(conversationId: string, uploadId: string): Promise<UploadUrls>;
}

/** The REST router's absolute base, where relative upload and file URLs live. */
function restBaseOf(options: ChatClientOptions): string | null {
  if (!options.url || options.restPath === null) return null;
  return `${options.url.replace(/\/+$/, '')}${options.restPath ?? '/chat'}`;
}

/**
 * Wires the lazily loaded upload code to one client: bytes go through
 * `options.uploadBytes` (the in-memory server's), the transport's, or over
 * HTTP. In the build this code is an entry of its own with its own ChatError
 * class, so errors crossing between it and the client are adopted by the
 * class of the side that receives them (adopt-chat-error.ts): the client's
 * outbox, and the step's start-over rules here, keep seeing each code.
 */
export function wireUploads(w: UploadWiring): WiredUploads {
  const restBase = restBaseOf(w.options);
  const kept = w.options.uploadBlobStore ?? memoryBlobStore();
  // This page's files first: the persistent store's write may still be under way when the
  // outbox starts the upload.
  const blobs: UploadBlobStore = {
    put: async (key, blob) => {
      w.fresh.set(key, blob);
      await kept.put(key, blob);
    },
    get: async (key) => w.fresh.get(key) ?? kept.get(key),
    delete: async (key) => {
      w.fresh.delete(key);
      await kept.delete(key);
    },
  };
  const crossing =
    (As: typeof ChatError) =>
    (error: unknown): never => {
      throw adoptChatError(error, As);
    };
  const into = crossing(ChatError);
  const back = crossing(w.ChatError);
  const uploadBytes: UploadBytes =
    w.options.uploadBytes ?? w.transport.uploadBytes ?? httpUploadBytes(restBase, w.options.fetch);
  const step: Omit<UploadStepOptions, 'onChange'> = {
    request: (name, input) => w.request(name, input).catch(into),
    uploadBytes: (target, blob, onProgress) => uploadBytes(target, blob, onProgress).catch(into),
    blobs,
  };
  const urls = new UploadUrlCache((input) => w.request('upload:urls', input).catch(into), restBase);
  return {
    upload: (message, onChange, active) =>
      uploadFiles(message, { ...step, onChange, active }).catch(back),
    async release(message, { cancelled }) {
      if (cancelled) return forgetFiles(message, { ...step, onChange: () => {} }).catch(back);
      for (const file of message.uploads ?? []) await blobs.delete(file.clientId).catch(() => {});
    },
    urls: (conversationId, uploadId) => urls.get(conversationId, uploadId).catch(back),
  };
}
