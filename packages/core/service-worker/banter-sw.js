// Banter's service worker: shows a Web Push from @banter/server-kit and opens its conversation.
//
// Serve this file from your site's origin and register it from the page, configured through
// the script URL's query string (a service worker has no other place to read settings from):
//   navigator.serviceWorker.register('/banter-sw.js?open=/support&title=New%20message')
//   - open:  the page that shows the chat (default `/`); a click opens it, or focuses a tab
//            already on it, and tells it which conversation to open;
//   - title: the notification's title when the server sends no sender (preview 'none');
//   - icon:  an image URL for the notification.
// The page learns the conversation from a `{ type: 'banter:open-conversation', conversationId }`
// message (tab already open) or the `banterConversation` URL parameter (new tab); @banter/react's
// `usePushOpenRequests` handles both.
//
// Already have a service worker? `importScripts('/banter-sw.js')` in it: Banter's handlers only act
// on Banter's pushes (`v: 1` and a `conversationId`) and Banter's notifications.

const settings = new URL(self.location.href).searchParams;
const openPath = settings.get('open') || '/';
const fallbackTitle = settings.get('title') || 'New message';
const icon = settings.get('icon') || undefined;

/** Banter's payload (see PushPayload in @banter/server-kit), or null for someone else's push. */
function banterPayload(data) {
  if (!data) return null;
  let payload;
  try {
    payload = data.json();
  } catch {
    return null;
  }
  const ours = payload?.v === 1 && typeof payload.conversationId === 'string' && payload.tag;
  return ours ? payload : null;
}

function titleOf(payload) {
  if (!payload.sender) return fallbackTitle;
  return payload.conversationTitle
    ? `${payload.sender.name} · ${payload.conversationTitle}`
    : payload.sender.name;
}

self.addEventListener('push', (event) => {
  const payload = banterPayload(event.data);
  if (!payload) return;
  // One notification per conversation (tag): the newest replaces the one before, and alerts again.
  event.waitUntil(
    self.registration.showNotification(titleOf(payload), {
      body: payload.text || '',
      tag: payload.tag,
      renotify: true,
      icon,
      data: { banter: { conversationId: payload.conversationId, messageId: payload.messageId } },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  const target = event.notification.data?.banter;
  if (!target) return;
  event.notification.close();
  event.waitUntil(openConversation(target.conversationId));
});

/** Focuses a tab of the app and tells it the conversation, or opens one at `open`. */
async function openConversation(conversationId) {
  const url = new URL(openPath, self.location.origin);
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const onPage = windows.find((client) => new URL(client.url).pathname === url.pathname);
  const tab = onPage || windows.find((client) => new URL(client.url).origin === url.origin);
  if (tab) {
    tab.postMessage({ type: 'banter:open-conversation', conversationId });
    // Allowed during a real click; refused otherwise (the tab still got the conversation).
    if ('focus' in tab) await tab.focus().catch(() => {});
    return;
  }
  url.searchParams.set('banterConversation', conversationId);
  await self.clients.openWindow(url.href);
}
