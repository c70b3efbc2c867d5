'use client';
import type { Attachment } from '@banter/core';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useStrings } from '../../i18n/strings-context';
import { displayFileName } from './file-name';
import { useUploadUrls } from './use-upload-urls';

/**
 * A message's images, one at a time, over the page: arrows move between
 * them, Escape (or the close button) closes and the opener gets focus back.
 * Focus stays inside while it is open.
 */
export function Lightbox({
  conversationId,
  images,
  index,
  onIndex,
  onClose,
}: {
  conversationId: string;
  images: Attachment[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const { strings } = useStrings();
  const close = useRef<HTMLButtonElement>(null);
  const image = images[index] as Attachment;
  const { urls } = useUploadUrls(conversationId, image.uploadId as string);
  const name = displayFileName(image.name, '');
  const many = images.length > 1;
  const go = (step: number) => onIndex((index + step + images.length) % images.length);

  useEffect(() => {
    close.current?.focus();
  }, []);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (many && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      // In a right-to-left page the next image is to the left.
      const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
      go((event.key === 'ArrowRight') !== rtl ? 1 : -1);
    } else if (event.key === 'Tab') {
      // Keep focus among the viewer's own buttons.
      const buttons = [...event.currentTarget.querySelectorAll('button')];
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = (at + (event.shiftKey ? -1 : 1) + buttons.length) % buttons.length;
      event.preventDefault();
      buttons[next]?.focus();
    }
  };

  return (
    <div
      className="banter-lightbox"
      role="dialog"
      aria-modal="true"
      aria-label={strings.uploads.viewer}
      onKeyDown={handleKeyDown}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <figure className="banter-lightbox__figure">
        {urls && <img src={urls.url} alt={strings.image(name)} />}
        {name && (
          <figcaption dir="auto" className="banter-lightbox__caption">
            {name}
          </figcaption>
        )}
      </figure>
      <button ref={close} type="button" className="banter-lightbox__close" onClick={onClose}>
        {strings.close}
      </button>
      {many && (
        <>
          <button type="button" className="banter-lightbox__previous" onClick={() => go(-1)}>
            {strings.uploads.previous}
          </button>
          <button type="button" className="banter-lightbox__next" onClick={() => go(1)}>
            {strings.uploads.next}
          </button>
        </>
      )}
    </div>
  );
}
