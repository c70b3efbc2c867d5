import type { Attachment, PendingUpload } from '@banter/core';
import { isHttpUrl } from '../../utils/linkify';

/**
 * Which of a message's files are drawn: links to files elsewhere (http(s)
 * only), files uploaded to the server (when the conversation is known, as
 * their URLs are asked per conversation), and an own send's files on their way.
 */
export function shownAttachments(
  attachments: Attachment[],
  conversationId: string | undefined,
  uploads: PendingUpload[] | undefined,
  clientId: string | undefined,
) {
  return {
    linked: attachments.filter((a) => !a.uploadId && isHttpUrl(a.url)),
    uploaded: conversationId ? attachments.filter((a) => a.uploadId) : [],
    sending: uploads && clientId ? uploads : [],
  };
}
