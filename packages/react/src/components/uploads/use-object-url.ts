import { useEffect, useState } from 'react';

/** An object URL of a blob (a local preview), revoked when the blob changes or the component goes. */
export function useObjectUrl(blob: Blob | undefined | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    // No object URLs on this platform (jsdom): no preview, the box keeps its place.
    if (!blob || typeof URL.createObjectURL !== 'function') return;
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [blob]);
  return url;
}
