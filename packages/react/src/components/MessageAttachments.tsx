'use client';
import type { Attachment } from '@banter/core';
import { useChunk } from '../utils/lazy-chunk';
import { ChunkStatus } from './ChunkStatus';
import type { AttachmentListProps } from './uploads/AttachmentList';
import { imageBoxStyle } from './uploads/image-box';
import { shownAttachments } from './uploads/shown-attachments';
import { uploadChunk } from './uploads/upload-chunk';

const isImage = (a: Attachment, kind: string) =>
  (!a.uploadId && kind === 'image') || !!a.mimeType?.startsWith('image/');

/**
 * A message's files: drawn by the upload chunk (fetched when a first message
 * with files is shown, as most messages have none). Until it is here, the
 * same boxes, empty, so nothing jumps when it arrives; Retry if it failed.
 */
export function MessageAttachments(props: AttachmentListProps) {
  const { module, failed, retry } = useChunk(uploadChunk);
  const { linked, uploaded, sending } = shownAttachments(
    props.attachments,
    props.conversationId,
    props.uploads,
    props.clientId,
  );
  const shown = [...linked, ...uploaded];
  if (shown.length + sending.length === 0) return null;
  const images = shown.filter((a) => isImage(a, props.kind));
  return (
    <span className="banter-message__attachments">
      {module ? (
        <module.AttachmentList {...props} />
      ) : (
        <>
          {images.length > 0 && (
            <span className="banter-attachments__grid" data-count={Math.min(images.length, 4)}>
              {images.map((a) => (
                <span
                  key={a.uploadId ?? a.url}
                  className="banter-attachment__image"
                  style={imageBoxStyle(a.width, a.height, a.placeholder)}
                />
              ))}
            </span>
          )}
          {shown
            .filter((a) => !isImage(a, props.kind))
            .map((a) => (
              <span key={a.uploadId ?? a.url} className="banter-file-card" />
            ))}
          {failed && <ChunkStatus failed retry={retry} />}
        </>
      )}
    </span>
  );
}
