'use client';
import { type PendingUpload, uploadProgress } from '@banter/core';
import { useEffect, useState } from 'react';
import { useChatClient } from '../../hooks/use-chat-state';
import { useStrings } from '../../i18n/strings-context';
import { displayFileName, middleTruncate } from './file-name';
import { formatSize } from './format-size';
import { imageBoxStyle } from './image-box';
import { ProgressRing } from './ProgressRing';
import { useObjectUrl } from './use-object-url';

/** Progress is announced at these steps only, so a screen reader is not flooded. */
const milestones = [25, 50, 75, 100];

/**
 * The files of an own message on its way: local previews in the boxes the
 * sent images will take, a progress ring, a polite announcement at each
 * quarter, and Cancel while uploading (a failed send has Retry and Discard
 * under the bubble).
 */
export function SendingFiles({
  clientId,
  uploads,
  failed,
}: {
  clientId: string;
  uploads: PendingUpload[];
  failed: boolean;
}) {
  const { strings } = useStrings();
  const client = useChatClient();
  const progress = uploadProgress(uploads);
  const percent = Math.floor(progress * 100);
  const reached = milestones.filter((m) => percent >= m).at(-1) ?? 0;
  const uploading = uploads.some((u) => u.status !== 'complete');
  return (
    <span className="banter-sending-files" data-failed={failed || undefined}>
      <span className="banter-attachments__grid" data-count={Math.min(uploads.length, 4)}>
        {uploads.map((upload) => (
          <SendingFile key={upload.clientId} upload={upload} />
        ))}
      </span>
      <span className="banter-sending-files__status">
        {uploading && !failed && (
          <>
            <ProgressRing value={progress} label={strings.uploads.progress(percent)} />
            <button
              type="button"
              className="banter-sending-files__cancel"
              onClick={() => client.discardMessage(clientId)}
            >
              {strings.uploads.cancel}
            </button>
          </>
        )}
        <span role="status" className="banter-visually-hidden">
          {reached === 100
            ? strings.uploads.uploaded
            : reached > 0
              ? strings.uploads.progress(reached)
              : ''}
        </span>
      </span>
    </span>
  );
}

function SendingFile({ upload }: { upload: PendingUpload }) {
  const { strings, locale } = useStrings();
  const client = useChatClient();
  const image = upload.type.startsWith('image/');
  const [blob, setBlob] = useState<Blob | undefined>();
  useEffect(() => {
    if (!image) return;
    let current = true;
    void client.getQueuedFile(upload.clientId).then((found) => current && setBlob(found));
    return () => {
      current = false;
    };
  }, [client, image, upload.clientId]);
  const preview = useObjectUrl(blob);
  const name = displayFileName(upload.name, strings.attachment);
  if (image) {
    return (
      <span
        className="banter-attachment__image"
        style={imageBoxStyle(upload.width, upload.height, upload.placeholder)}
      >
        {preview && <img src={preview} alt={strings.image(name)} />}
      </span>
    );
  }
  return (
    <span className="banter-file-card" title={name}>
      <span className="banter-file-card__text">
        <span className="banter-file-card__name" dir="auto">
          {middleTruncate(name)}
        </span>
        <span className="banter-file-card__meta">{formatSize(upload.size, locale)}</span>
      </span>
    </span>
  );
}
