'use client';
import { useStrings } from '../i18n/strings-context';

/**
 * What stands in for a part whose code is still on its way: "Loading…", or
 * "couldn't load" with Retry when fetching it failed.
 */
export function ChunkStatus({ failed, retry }: { failed: boolean; retry: () => void }) {
  const { strings } = useStrings();
  return failed ? (
    <p className="banter-chunk-status" role="alert">
      {strings.loadFailed}{' '}
      <button type="button" onClick={retry}>
        {strings.retry}
      </button>
    </p>
  ) : (
    <p className="banter-chunk-status" role="status">
      {strings.loading}
    </p>
  );
}
