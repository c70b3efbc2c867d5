import type { UploadUrls } from '@banter/core';
import { useCallback, useEffect, useState } from 'react';
import { useChatClient } from '../../hooks/use-chat-state';

/**
 * The signed URLs of one uploaded file, asked when first shown. `refresh`
 * asks again (an image that failed to load: its URL may have expired); the
 * client's cache answers fresh URLs once the held ones near expiry.
 */
export function useUploadUrls(conversationId: string, uploadId: string) {
  const client = useChatClient();
  const [urls, setUrls] = useState<UploadUrls | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a refresh asks again
  useEffect(() => {
    let current = true;
    client.getUploadUrls(conversationId, uploadId).then(
      (answer) => current && setUrls(answer),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [client, conversationId, uploadId, attempt]);
  const refresh = useCallback(() => {
    setFailed(false);
    setAttempt((n) => n + 1);
  }, []);
  /** URLs to use now: fresh ones when the held ones are about to expire. */
  const fresh = useCallback(
    () => client.getUploadUrls(conversationId, uploadId),
    [client, conversationId, uploadId],
  );
  return { urls, failed, refresh, fresh };
}
