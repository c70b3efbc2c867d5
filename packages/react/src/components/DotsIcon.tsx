/** Three dots, the "more actions" icon of the message and conversation menus. */
export function DotsIcon({ vertical = false }: { vertical?: boolean }) {
  return (
    <svg viewBox="0 0 16 16" fill="currentColor" aria-hidden="true" focusable="false">
      {[3, 8, 13].map((at) => (
        <circle key={at} cx={vertical ? 8 : at} cy={vertical ? at : 8} r="1.5" />
      ))}
    </svg>
  );
}
