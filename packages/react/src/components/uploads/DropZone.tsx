'use client';
import { useStrings } from '../../i18n/strings-context';

/** Shown over the chat window while files are dragged over it: where to drop them. */
export function DropZone() {
  const { strings } = useStrings();
  return (
    <div className="banter-drop-zone" role="presentation">
      <span className="banter-drop-zone__label">{strings.uploads.dropHere}</span>
    </div>
  );
}
