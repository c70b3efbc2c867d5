import { ChatError } from '../../protocol';
import type { Operations } from './operations';
import { memoryUrlLifetimeMs, uploadBookOf } from './upload-book';

/** Largest file the in-memory server takes: server-kit's default. */
const maxFileBytes = 25 * 1024 * 1024;
/** What an image's box shows until it loads, on the in-memory server (it does not look at pixels). */
const memoryPlaceholder = '#c9d3de';

/**
 * The upload requests over an in-memory byte store (see upload-book.ts and
 * memory-upload-bytes.ts), with server-kit's rules where they matter to a
 * client: participation, sizes, idempotent create by clientId, complete
 * only once the bytes are all there, reads for current participants only.
 * It trusts the declared type (it sniffs nothing) and its URLs are object
 * URLs without signatures: it is for tests and stories.
 */
export const uploadOperations: Pick<
  Operations,
  'upload:create' | 'upload:complete' | 'upload:cancel' | 'upload:urls'
> = {
  'upload:create'(server, { userId }, input) {
    server.state.require(input.conversationId, userId);
    const book = uploadBookOf(server);
    const now = server.state.now();
    const target = (id: string) => ({
      method: 'PUT' as const,
      url: `/uploads/${id}/content`,
      headers: { 'Content-Type': input.type || 'application/octet-stream' },
      expiresAt: new Date(now.getTime() + memoryUrlLifetimeMs).toISOString(),
    });
    const earlier = book.find(userId, input.clientId);
    if (earlier) {
      const done = earlier.upload.status === 'complete';
      return {
        upload: { ...earlier.upload },
        target: done ? null : target(earlier.upload.id),
        created: false,
      };
    }
    if (input.size === 0) throw new ChatError('file_empty', 'unable to upload: the file is empty');
    if (input.size > maxFileBytes) {
      throw new ChatError('file_too_large', 'unable to upload: the file is too large', {
        limit: maxFileBytes,
      });
    }
    const stored = book.add(userId, input.clientId, {
      conversationId: input.conversationId,
      name: input.name.replace(/^.*[\\/]/, '') || 'file',
      size: input.size,
      declaredType: input.type || 'application/octet-stream',
      type: null,
      status: 'pending',
      width: null,
      height: null,
      placeholder: null,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 24 * 3_600_000).toISOString(),
    });
    return { upload: { ...stored.upload }, target: target(stored.upload.id), created: true };
  },

  'upload:complete'(server, { userId }, input) {
    const stored = uploadBookOf(server).own(userId, input.uploadId);
    if (stored.upload.status === 'complete') return { ...stored.upload };
    if (stored.bytes?.size !== stored.upload.size) {
      throw new ChatError(
        'upload_incomplete',
        'unable to complete upload: the bytes have not all arrived',
      );
    }
    const image = stored.upload.declaredType.startsWith('image/');
    stored.upload = {
      ...stored.upload,
      status: 'complete',
      type: stored.upload.declaredType,
      placeholder: image ? memoryPlaceholder : null,
    };
    return { ...stored.upload };
  },

  'upload:cancel'(server, { userId }, input) {
    const book = uploadBookOf(server);
    const stored = book.byId.get(input.uploadId);
    if (stored && stored.ownerId === userId && stored.sentIn === null) book.remove(stored);
    return { uploadId: input.uploadId, cancelled: true };
  },

  'upload:urls'(server, { userId }, input) {
    const conversation = server.state.require(input.conversationId, userId);
    const book = uploadBookOf(server);
    const expiresAt = new Date(server.state.now().getTime() + memoryUrlLifetimeMs).toISOString();
    return input.uploadIds.map((uploadId) => {
      const stored = book.byId.get(uploadId);
      const readable =
        stored?.bytes &&
        stored.upload.conversationId === conversation.id &&
        (stored.sentIn !== null || stored.ownerId === userId);
      if (!stored || !readable)
        throw new ChatError('not_found', 'unable to read file: no such file here');
      // Platforms without object URLs (jsdom) get a URL that names the file but loads nothing.
      stored.objectUrl ??=
        typeof URL.createObjectURL === 'function'
          ? URL.createObjectURL(stored.bytes as Blob)
          : `blob:memory/${uploadId}`;
      const image = stored.upload.placeholder !== null;
      return {
        uploadId,
        url: stored.objectUrl,
        thumbnailUrl: image ? stored.objectUrl : null,
        expiresAt,
      };
    });
  },
};
