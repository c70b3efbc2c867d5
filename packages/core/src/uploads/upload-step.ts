import { ChatError, type RequestInput, type RequestResult, type Upload } from '../protocol';
import type { PendingMessage } from '../store/state';
import type { UploadBlobStore } from './blob-store';
import type { PendingUpload } from './pending-upload';
import type { UploadBytes } from './upload-bytes';

/** The requests the upload step makes. */
export type UploadRequest = <N extends 'upload:create' | 'upload:complete' | 'upload:cancel'>(
  name: N,
  input: RequestInput<N>,
) => Promise<RequestResult<N>>;

/** What the upload step needs from the client. */
export interface UploadStepOptions {
  /** A request over whatever transport is up (socket, or REST when only that is reachable). */
  request: UploadRequest;
  /** Sends a target's bytes with progress. */
  uploadBytes: UploadBytes;
  /** Where the queued files' bytes wait. */
  blobs: UploadBlobStore;
  /** Told of every change to a message's files, for state (throttled to whole percents). */
  onChange(clientId: string, uploads: PendingUpload[]): void;
  /** False once the send was cancelled: nothing more is created or completed for it. */
  active?(): boolean;
}

/** Stops the step of a cancelled send (`closed`: the outbox neither fails nor retries it). */
function checkActive(o: UploadStepOptions) {
  if (o.active && !o.active()) throw new ChatError('closed', 'the send was cancelled');
}

/**
 * Codes after which this file starts over from `upload:create` with the same
 * clientId: the URL expired, the server forgot the upload (expired, a
 * restart of an in-memory store), or the PUT did not land whole. The same
 * clientId gives back the same upload when the server still has it.
 */
const startOver = new Set(['url_expired', 'not_found', 'upload_incomplete']);
/** How many times one attempt starts a file over before handing the failure to the outbox's backoff. */
const maxStartsPerAttempt = 3;

/**
 * The outbox's upload step for one message: each file not yet complete is
 * created (or found again by its clientId), its bytes PUT with progress and
 * completed; the answer is the upload ids to send with the message. Files
 * already complete (an earlier attempt, a previous page) are not sent again.
 * Rejects with a ChatError; a retryable one makes the outbox try again later
 * from where it stopped.
 */
export async function uploadFiles(
  message: PendingMessage,
  o: UploadStepOptions,
): Promise<string[]> {
  let uploads = [...(message.uploads ?? [])];
  const update = (index: number, change: Partial<PendingUpload>) => {
    uploads = uploads.map((u, i) => (i === index ? { ...u, ...change } : u));
    o.onChange(message.clientId, uploads);
  };
  for (let index = 0; index < uploads.length; index++) {
    const file = uploads[index] as PendingUpload;
    if (file.status === 'complete' && file.uploadId) continue;
    const blob = await o.blobs.get(file.clientId);
    if (!blob) throw new ChatError('not_found', `the bytes of ${file.name} are no longer kept`);
    const done = await uploadOne(message.conversationId, file, blob, o, (change) =>
      update(index, change),
    );
    update(index, {
      uploadId: done.id,
      sent: file.size,
      status: 'complete',
      width: done.width ?? file.width,
      height: done.height ?? file.height,
      placeholder: done.placeholder,
    });
  }
  return uploads.map((u) => u.uploadId as string);
}

async function uploadOne(
  conversationId: string,
  file: PendingUpload,
  blob: Blob,
  o: UploadStepOptions,
  update: (change: Partial<PendingUpload>) => void,
): Promise<Upload> {
  for (let start = 1; ; start++) {
    checkActive(o);
    try {
      const ticket = await o.request('upload:create', {
        conversationId,
        clientId: file.clientId,
        name: file.name,
        size: file.size,
        type: file.type,
      });
      update({ uploadId: ticket.upload.id, status: 'uploading', sent: 0 });
      if (ticket.upload.status === 'complete') return ticket.upload;
      if (ticket.target) {
        let shownPercent = -1;
        await o.uploadBytes(ticket.target, blob, (sent) => {
          const percent = Math.floor((sent / Math.max(file.size, 1)) * 100);
          if (percent === shownPercent) return;
          shownPercent = percent;
          update({ sent: Math.min(sent, file.size) });
        });
      }
      checkActive(o);
      return await o.request('upload:complete', { uploadId: ticket.upload.id });
    } catch (error) {
      const chatError = ChatError.from(error);
      if (chatError.code === 'closed') throw chatError;
      if (!startOver.has(chatError.code) || start >= maxStartsPerAttempt) {
        // Starting over did not help this time: the outbox's backoff tries again later.
        throw startOver.has(chatError.code)
          ? new ChatError('unavailable', chatError.message, { cause: chatError })
          : chatError;
      }
    }
  }
}

/**
 * What a discarded send leaves behind: its files' bytes here and, best
 * effort, its uploads on the server (which would expire anyway).
 */
export async function forgetFiles(message: PendingMessage, o: UploadStepOptions): Promise<void> {
  for (const file of message.uploads ?? []) {
    await o.blobs.delete(file.clientId);
    if (file.uploadId)
      await o.request('upload:cancel', { uploadId: file.uploadId }).catch(() => {});
  }
}
