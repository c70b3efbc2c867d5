'use client';
import type { Attachment } from '@banter/core';
import { useRef, useState } from 'react';
import { useStrings } from '../../i18n/strings-context';
import { displayFileName, middleTruncate } from './file-name';
import { formatSize } from './format-size';
import { imageBoxStyle } from './image-box';
import { Lightbox } from './Lightbox';
import { useUploadUrls } from './use-upload-urls';

const isImage = (a: Attachment) => a.mimeType?.startsWith('image/') ?? false;

/** Uploaded files of a message: images as a grid that opens the lightbox, other files as cards. */
export function UploadedFiles({
  conversationId,
  attachments,
}: {
  conversationId: string;
  attachments: Attachment[];
}) {
  const images = attachments.filter(isImage);
  const files = attachments.filter((a) => !isImage(a));
  const [open, setOpen] = useState<number | null>(null);
  /** The image the viewer was opened from: focus goes back to it. */
  const [openedFrom, setOpenedFrom] = useState(0);
  const openers = useRef<(HTMLButtonElement | null)[]>([]);
  return (
    <>
      {images.length > 0 && (
        <span className="banter-attachments__grid" data-count={Math.min(images.length, 4)}>
          {images.map((image, index) => (
            <UploadedImage
              key={image.uploadId}
              conversationId={conversationId}
              attachment={image}
              buttonRef={(element) => {
                openers.current[index] = element;
              }}
              onOpen={() => {
                setOpenedFrom(index);
                setOpen(index);
              }}
            />
          ))}
        </span>
      )}
      {files.map((file) => (
        <FileCard key={file.uploadId} conversationId={conversationId} attachment={file} />
      ))}
      {open !== null && (
        <Lightbox
          conversationId={conversationId}
          images={images}
          index={open}
          onIndex={setOpen}
          onClose={() => {
            const opener = openers.current[openedFrom];
            setOpen(null);
            // Focus goes back to the image that opened the viewer (WAI-ARIA dialog pattern).
            opener?.focus();
          }}
        />
      )}
    </>
  );
}

function UploadedImage({
  conversationId,
  attachment,
  buttonRef,
  onOpen,
}: {
  conversationId: string;
  attachment: Attachment;
  buttonRef: (element: HTMLButtonElement | null) => void;
  onOpen: () => void;
}) {
  const { strings } = useStrings();
  const { urls, refresh } = useUploadUrls(conversationId, attachment.uploadId as string);
  const [retried, setRetried] = useState(false);
  const name = displayFileName(attachment.name, '');
  return (
    <button
      ref={buttonRef}
      type="button"
      className="banter-attachment__image"
      style={imageBoxStyle(attachment.width, attachment.height, attachment.placeholder)}
      aria-label={strings.uploads.openImage(name)}
      onClick={onOpen}
    >
      {urls && (
        <img
          src={urls.thumbnailUrl ?? urls.url}
          alt={strings.image(name)}
          width={attachment.width}
          height={attachment.height}
          onError={() => {
            // An expired or revoked URL: ask once for fresh ones.
            if (retried) return;
            setRetried(true);
            refresh();
          }}
        />
      )}
    </button>
  );
}

/** A file as a card: its name (escaped by React, bidi-safe, shortened in the middle), size and type, a download link. */
export function FileCard({
  conversationId,
  attachment,
}: {
  conversationId: string;
  attachment: Attachment;
}) {
  const { strings, locale } = useStrings();
  const { urls, fresh } = useUploadUrls(conversationId, attachment.uploadId as string);
  const name = displayFileName(attachment.name, strings.attachment);
  const type = attachment.mimeType?.split('/')[1]?.toUpperCase() ?? '';
  return (
    <a
      className="banter-file-card"
      href={urls?.url}
      download={name}
      rel="noopener noreferrer"
      title={strings.uploads.download(name)}
      onClick={(event) => {
        // URLs expire: fetch fresh ones when the held ones are about to.
        if (urls && Date.parse(urls.expiresAt) - 30_000 > Date.now()) return;
        event.preventDefault();
        const link = event.currentTarget;
        void fresh().then((answer) => {
          link.href = answer.url;
          link.click();
        });
      }}
    >
      <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="20" height="20">
        <path d="M4 1h5l4 4v10H4z M9 1v4h4" fill="none" stroke="currentColor" strokeWidth="1.2" />
      </svg>
      <span className="banter-file-card__text">
        {/* Shown shortened; read out whole. */}
        <span className="banter-file-card__name" dir="auto" aria-hidden="true">
          {middleTruncate(name)}
        </span>
        <span className="banter-visually-hidden">{name}</span>
        <span className="banter-file-card__meta">
          {[attachment.size !== undefined ? formatSize(attachment.size, locale) : '', type]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </span>
    </a>
  );
}
