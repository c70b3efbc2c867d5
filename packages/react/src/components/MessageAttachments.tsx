'use client';
import type { Attachment } from '@banter/core';
import { useStrings } from '../i18n/strings-context';
import { isHttpUrl } from '../utils/linkify';

function formatSize(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    maximumFractionDigits: 1,
  }).format(value);
}

/** Images inline (lazy, sized to avoid layout jumps), files as download links. Only http(s) URLs. */
export function MessageAttachments({
  attachments,
  kind,
}: {
  attachments: Attachment[];
  kind: string;
}) {
  const { strings, locale } = useStrings();
  const safe = attachments.filter((a) => isHttpUrl(a.url));
  if (safe.length === 0) return null;
  return (
    <span className="banter-message__attachments">
      {safe.map((attachment) =>
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
              {attachment.name ?? strings.attachment}
            </span>
            {attachment.size !== undefined && (
              <span className="banter-message__file-size">
                {formatSize(attachment.size, locale)}
              </span>
            )}
          </a>
        ),
      )}
    </span>
  );
}
