'use client';
import { useCallback, useState } from 'react';

/** The browser's answer, or `unsupported` where there is no Notification API. */
export type NotificationPermissionState = NotificationPermission | 'unsupported';

/** What `useNotificationPermission` gives. */
export interface NotificationPermissionResult {
  /** `default` (not asked yet), `granted`, `denied`, or `unsupported`. */
  permission: NotificationPermissionState;
  /**
   * Asks the browser. Call it from a click handler: browsers ignore (or penalize) prompts that
   * no gesture started. Resolves with the answer.
   */
  request: () => Promise<NotificationPermissionState>;
}

const current = (): NotificationPermissionState =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

/**
 * The notification permission and a request to ask for it from a user gesture.
 *
 * @example
 * const { permission, request } = useNotificationPermission();
 * if (permission === 'default') return <button onClick={request}>Turn on notifications</button>;
 */
export function useNotificationPermission(): NotificationPermissionResult {
  const [permission, setPermission] = useState<NotificationPermissionState>(current);
  const request = useCallback(async () => {
    if (current() !== 'default') {
      setPermission(current());
      return current();
    }
    const answer = await Notification.requestPermission();
    setPermission(answer);
    return answer;
  }, []);
  return { permission, request };
}
