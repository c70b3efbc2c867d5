import { createStore, del, get, set } from 'idb-keyval';
import { memoryBlobStore, type UploadBlobStore } from './blob-store';

/**
 * Keeps queued files in IndexedDB (through idb-keyval), so files picked
 * offline survive a reload with the persistent outbox storage. Where there is
 * no IndexedDB (Node, some private modes) the blobs stay in memory instead:
 * the message is still sent while the page lives. IndexedDB is looked up on
 * first use, never at import, so this is safe on a server.
 *
 * @example
 * createChatClient({ url, userId, getToken, outboxStorage: webOutboxStorage(), uploadBlobStore: indexedDbBlobStore() });
 */
export function indexedDbBlobStore(databaseName = 'banter-uploads'): UploadBlobStore {
  let backing: UploadBlobStore | undefined;
  const open = (): UploadBlobStore => {
    if (backing) return backing;
    if (typeof indexedDB === 'undefined') {
      backing = memoryBlobStore();
      return backing;
    }
    const store = createStore(databaseName, 'blobs');
    backing = {
      put: (key, blob) => set(key, blob, store),
      get: (key) => get<Blob>(key, store),
      delete: (key) => del(key, store),
    };
    return backing;
  };
  return {
    put: (key, blob) => open().put(key, blob),
    get: (key) => open().get(key),
    delete: (key) => open().delete(key),
  };
}
