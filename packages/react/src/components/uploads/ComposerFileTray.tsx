'use client';
import { useStrings } from '../../i18n/strings-context';
import { removeComposerFile } from './composer-files';
import { displayFileName, middleTruncate } from './file-name';
import { formatSize } from './format-size';
import { useObjectUrl } from './use-object-url';

const keys = new WeakMap<File, number>();
let lastKey = 0;
/** A key that stays with a file, so removing one keeps the others' elements (and focus). */
function keyOf(file: File): number {
  let key = keys.get(file);
  if (key === undefined) {
    key = ++lastKey;
    keys.set(file, key);
  }
  return key;
}

/**
 * The files of the message being written, above the text box: a thumbnail
 * for images, name and size for others, each with a Remove button (focus
 * moves to the next file's, or to the text box after the last).
 */
export function ComposerFileTray({
  conversationId,
  files,
  onEmptied,
}: {
  /** Whose message being written the files are (composer-files.ts). */
  conversationId: string;
  files: readonly File[];
  /** Where focus goes once the last file is removed. */
  onEmptied: () => void;
}) {
  const { strings } = useStrings();
  return (
    <ul className="banter-composer__files" aria-label={strings.uploads.attach}>
      {files.map((file, index) => (
        <ComposerFile
          key={keyOf(file)}
          file={file}
          onRemove={(button) => {
            const list = button.closest('ul');
            removeComposerFile(conversationId, file);
            const buttons = list ? [...list.querySelectorAll('button')] : [];
            const next = buttons[index + 1] ?? buttons[index - 1];
            if (next && next !== button) next.focus();
            else onEmptied();
          }}
          label={strings.uploads.remove(displayFileName(file.name, strings.attachment))}
        />
      ))}
    </ul>
  );
}

function ComposerFile({
  file,
  onRemove,
  label,
}: {
  file: File;
  onRemove: (button: HTMLButtonElement) => void;
  label: string;
}) {
  const { strings, locale } = useStrings();
  const image = file.type.startsWith('image/');
  const preview = useObjectUrl(image ? file : null);
  const name = displayFileName(file.name, strings.attachment);
  return (
    <li className="banter-composer__file" title={name}>
      {image && preview ? (
        <img className="banter-composer__file-thumb" src={preview} alt="" />
      ) : (
        <span className="banter-composer__file-name" dir="auto">
          {middleTruncate(name, 24)}
        </span>
      )}
      <span className="banter-visually-hidden">{formatSize(file.size, locale)}</span>
      <button
        type="button"
        className="banter-composer__file-remove"
        aria-label={label}
        onClick={(event) => onRemove(event.currentTarget)}
      >
        ×
      </button>
    </li>
  );
}
