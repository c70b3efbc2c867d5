'use client';
import { useStrings } from '../i18n/strings-context';

/**
 * The conversation list's switch between current and archived conversations:
 * a toggle button (pressed while the archived ones are listed), so it is one
 * tab stop and Space or Enter flips it.
 */
export function ArchivedToggle({
  pressed,
  onToggle,
}: {
  pressed: boolean;
  onToggle: (pressed: boolean) => void;
}) {
  const { strings } = useStrings();
  return (
    <button
      type="button"
      className="banter-conversation-list__archived-toggle"
      aria-pressed={pressed}
      onClick={() => onToggle(!pressed)}
    >
      {strings.archived}
    </button>
  );
}
