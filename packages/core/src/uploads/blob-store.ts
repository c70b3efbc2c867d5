/**
 * Where the bytes of queued uploads wait until their message is sent, keyed
 * by the upload's clientId. The outbox storage keeps the message (JSON);
 * this keeps the blobs, so a persistent pair survives a reload.
 */
export interface UploadBlobStore {
  /** Keeps a file's bytes. */
  put(key: string, blob: Blob): Promise<void>;
  /** The bytes kept under `key`, or undefined when gone. */
  get(key: string): Promise<Blob | undefined>;
  /** Forgets them (after the send, or on cancel). */
  delete(key: string): Promise<void>;
}

/** The default: blobs live as long as the client (queued files do not survive a reload). */
export function memoryBlobStore(): UploadBlobStore {
  const blobs = new Map<string, Blob>();
  return {
    put: async (key, blob) => {
      blobs.set(key, blob);
    },
    get: async (key) => blobs.get(key),
    delete: async (key) => {
      blobs.delete(key);
    },
  };
}
