'use client';
import type { Attachment, PendingUpload } from '@banter/core';
import { useStrings } from '../../i18n/strings-context';
import { displayFileName } from './file-name';
import { formatSize } from './format-size';
import { SendingFiles } from './SendingFiles';
import { shownAttachments } from './shown-attachments';
import { UploadedFiles } from './UploadedFiles';

/** A message's files and what is needed to draw them. */
export interface AttachmentListProps {
  attachments: Attachment[];
  kind: string;
  /** Needed to show uploaded files (their URLs are asked per conversation). */
  conversationId?: string;
  /** An own send's files still uploading. */
  uploads?: PendingUpload[];
  /** The send's clientId, to cancel it. */
  clientId?: string;
  /** The send failed for good (Retry and Discard are under the bubble). */
  failed?: boolean;
}

/**
 * A message's files, drawn once the upload chunk is here (MessageAttachments
 * holds their boxes until then). Links to files elsewhere (http(s) only):
 * images inline, others as download links. Files uploaded to the server
 * (`uploadId`): an image grid and file cards. An own send's files on their
 * way: previews and progress (`uploads`).
 */
export function AttachmentList({
  attachments,
  kind,
  conversationId,
  uploads,
  clientId,
  failed = false,
}: AttachmentListProps) {
  const { strings, locale } = useStrings();
  const { linked, uploaded, sending } = shownAttachments(
    attachments,
    conversationId,
    uploads,
    clientId,
  );
  return (
    <>
      {linked.map((attachment) =>
        kind === 'image' || attachment.mimeType?.startsWith('image/') ? (
          <a
            key={attachment.url}
            className="banter-message__image-link"
            href={attachment.url}
            target="_blank"
            rel="noopener noreferrer nofollow ugc"
          >
            <img
              className="banter-message__image"
              src={attachment.url}
              alt={strings.image(attachment.name ?? '')}
              loading="lazy"
              width={attachment.width}
              height={attachment.height}
            />
          </a>
        ) : (
          <a
            key={attachment.url}
            className="banter-message__file"
            href={attachment.url}
            target="_blank"
            rel="noopener noreferrer nofollow ugc"
            download={attachment.name}
          >
            <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="16" height="16">
              <path
                d="M4 1h5l4 4v10H4z M9 1v4h4"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.4"
              />
            </svg>
            <span className="banter-message__file-name">
              {displayFileName(attachment.name, strings.attachment)}
            </span>
            {attachment.size !== undefined && (
              <span className="banter-message__file-size">
                {formatSize(attachment.size, locale)}
              </span>
            )}
          </a>
        ),
      )}
      {uploaded.length > 0 && conversationId && (
        <UploadedFiles conversationId={conversationId} attachments={uploaded} />
      )}
      {sending.length > 0 && clientId && (
        <SendingFiles clientId={clientId} uploads={sending} failed={failed} />
      )}
    </>
  );
}
