import type { SendInput } from '../client/chat-client';
import type { PendingMessage } from '../store/state';
import type { ClientUploads } from './client-uploads';

/**
 * A new send with its files queued: `uploads` to show and upload, and the
 * kind a message of those files is (`image` when every one is an image).
 */
export function withFiles(
  message: PendingMessage,
  input: SendInput,
  uploads: ClientUploads,
): PendingMessage {
  if (!input.files?.length) return message;
  const queued = uploads.queue(input.files);
  const images = queued.every((u) => u.type.startsWith('image/'));
  return { ...message, kind: input.kind ?? (images ? 'image' : 'file'), uploads: queued };
}
