import { type Attachment, ChatError, type Upload } from '../../protocol';

/** One upload the in-memory server holds, with its owner and bytes. */
export interface StoredUpload {
  upload: Upload;
  ownerId: string;
  clientId: string;
  bytes: Blob | null;
  /** The clientId of the message that carries it, once sent. */
  sentIn: string | null;
  /** Object URL of the bytes, made on first read where the platform has them (browsers, Node). */
  objectUrl: string | null;
}

/** How long the in-memory server's read and write URLs live (its signatures are not checked). */
export const memoryUrlLifetimeMs = 15 * 60_000;

/**
 * The in-memory server's upload store: uploads by id and by (owner,
 * clientId), bytes in memory. One per server (see `uploadBookOf`).
 */
export class UploadBook {
  readonly byId = new Map<string, StoredUpload>();
  readonly #byClient = new Map<string, StoredUpload>();
  #next = 1;

  find(ownerId: string, clientId: string): StoredUpload | undefined {
    return this.#byClient.get(`${ownerId}\u0000${clientId}`);
  }

  add(ownerId: string, clientId: string, upload: Omit<Upload, 'id'>): StoredUpload {
    const stored: StoredUpload = {
      upload: { ...upload, id: `up${this.#next++}` },
      ownerId,
      clientId,
      bytes: null,
      sentIn: null,
      objectUrl: null,
    };
    this.byId.set(stored.upload.id, stored);
    this.#byClient.set(`${ownerId}\u0000${clientId}`, stored);
    return stored;
  }

  remove(stored: StoredUpload) {
    this.byId.delete(stored.upload.id);
    this.#byClient.delete(`${stored.ownerId}\u0000${stored.clientId}`);
    if (stored.objectUrl && typeof URL.revokeObjectURL === 'function') {
      URL.revokeObjectURL(stored.objectUrl);
    }
  }

  /** Forgets every upload no message uses: what a restarted server without storage does. */
  forgetUnsent() {
    for (const stored of [...this.byId.values()]) if (!stored.sentIn) this.remove(stored);
  }

  /** The caller's own upload, or `not_found` (also for anyone else's). */
  own(userId: string, uploadId: string): StoredUpload {
    const stored = this.byId.get(uploadId);
    if (!stored || stored.ownerId !== userId) {
      throw new ChatError('not_found', 'unable to use upload: no such upload of yours');
    }
    return stored;
  }

  /**
   * The attachments of a send's uploads, after the checks server-kit makes:
   * the sender's, of this conversation, complete, not used by another message.
   */
  attach(
    userId: string,
    conversationId: string,
    clientId: string,
    uploadIds: string[],
  ): Attachment[] {
    const found = uploadIds.map((id) => {
      const stored = this.own(userId, id);
      if (stored.upload.conversationId !== conversationId) {
        throw new ChatError(
          'not_found',
          'unable to send message: no such upload in this conversation',
        );
      }
      if (stored.upload.status !== 'complete') {
        throw new ChatError(
          'upload_incomplete',
          'unable to send message: an upload is not complete',
        );
      }
      if (stored.sentIn !== null && stored.sentIn !== clientId) {
        throw new ChatError('conflict', 'unable to send message: an upload is already sent');
      }
      return stored;
    });
    return found.map((stored) => {
      stored.sentIn = clientId;
      const { upload } = stored;
      return {
        url: '',
        uploadId: upload.id,
        name: upload.name,
        mimeType: upload.type ?? upload.declaredType,
        size: upload.size,
        ...(upload.width !== null && upload.height !== null
          ? { width: upload.width, height: upload.height }
          : {}),
        ...(upload.placeholder ? { placeholder: upload.placeholder } : {}),
      };
    });
  }
}

const books = new WeakMap<object, UploadBook>();

/** The upload store of one in-memory server, made on first use. */
export function uploadBookOf(server: object): UploadBook {
  let book = books.get(server);
  if (!book) {
    book = new UploadBook();
    books.set(server, book);
  }
  return book;
}
