/** Whether the person is looking at this page now: the tab is shown and its window has focus. */
export function isPageInView(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/**
 * Whether a message in this conversation deserves an alert: never in a muted conversation, never
 * in the conversation on screen while the tab is shown (even in an unfocused window: it is in sight).
 */
export function deservesAlert(
  conversation: { id: string; muted: boolean },
  isOnScreen: ((conversationId: string) => boolean) | undefined,
): boolean {
  if (conversation.muted) return false;
  return !(document.visibilityState === 'visible' && isOnScreen?.(conversation.id));
}
