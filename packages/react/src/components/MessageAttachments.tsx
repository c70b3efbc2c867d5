'use client';
import type { Attachment, PendingUpload } from '@banter/core';
import { useStrings } from '../i18n/strings-context';
import { useChunk } from '../utils/lazy-chunk';
import { isHttpUrl } from '../utils/linkify';
import { displayFileName } from './uploads/file-name';
import { formatSize } from './uploads/format-size';
import { imageBoxStyle } from './uploads/image-box';
import { uploadChunk } from './uploads/upload-chunk';

/**
 * A message's files. Links to files elsewhere (http(s) only): images inline,
 * others as download links. Files uploaded to the server (`uploadId`): an
 * image grid and file cards from the upload chunk, in boxes sized from the
 * start so nothing jumps. An own send's files on their way: previews and
 * progress (`uploads`).
 */
export function MessageAttachments({
  attachments,
  kind,
  conversationId,
  uploads,
  clientId,
  failed = false,
}: {
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
}) {
  const { strings, locale } = useStrings();
  const linked = attachments.filter((a) => !a.uploadId && isHttpUrl(a.url));
  const uploaded = conversationId ? attachments.filter((a) => a.uploadId) : [];
  const sending = uploads && clientId ? uploads : [];
  if (linked.length + uploaded.length + sending.length === 0) return null;
  return (
    <span className="banter-message__attachments">
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
        <Uploaded conversationId={conversationId} attachments={uploaded} />
      )}
      {sending.length > 0 && clientId && (
        <Sending clientId={clientId} uploads={sending} failed={failed} />
      )}
    </span>
  );
}

/** Uploaded files: from the upload chunk; until it is here, the same boxes, empty. */
function Uploaded({
  conversationId,
  attachments,
}: {
  conversationId: string;
  attachments: Attachment[];
}) {
  const { module } = useChunk(uploadChunk);
  if (module)
    return <module.UploadedFiles conversationId={conversationId} attachments={attachments} />;
  const images = attachments.filter((a) => a.mimeType?.startsWith('image/'));
  const files = attachments.filter((a) => !a.mimeType?.startsWith('image/'));
  return (
    <>
      {images.length > 0 && (
        <span className="banter-attachments__grid" data-count={Math.min(images.length, 4)}>
          {images.map((a) => (
            <span
              key={a.uploadId}
              className="banter-attachment__image"
              style={imageBoxStyle(a.width, a.height, a.placeholder)}
            />
          ))}
        </span>
      )}
      {files.map((a) => (
        <span key={a.uploadId} className="banter-file-card" />
      ))}
    </>
  );
}

function Sending(props: { clientId: string; uploads: PendingUpload[]; failed: boolean }) {
  const { module } = useChunk(uploadChunk);
  return module ? <module.SendingFiles {...props} /> : null;
}
