/**
 * The page measured by bench/render.ts: a ChatWindow over a conversation whose
 * 10,000 messages are already in the store, so the figure is the UI's cost,
 * not the network's. Results go to window.__result for the script to read.
 */
import { createFakeChatClient } from '@banter/core/testing';
import { ChatProvider, ChatWindow } from '@banter/react';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import '../../packages/react/src/styles/banter.css';

declare global {
  interface Window {
    __result?: Record<string, number>;
    __scroll?: () => Promise<Record<string, number>>;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number };
  }
  // Exposed by Chromium's --js-flags=--expose-gc, so heap readings are not GC noise.
  function gc(): void;
}

const count = Number(new URLSearchParams(location.search).get('messages') ?? 10_000);
const client = createFakeChatClient({ userId: 'ann', users: [{ id: 'bob', name: 'Bob Ray' }] });
const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
client.fake.seedHistory(id, count);

function Painted({ onPaint }: { onPaint: () => void }) {
  useEffect(() => {
    requestAnimationFrame(() => requestAnimationFrame(onPaint));
  }, [onPaint]);
  return null;
}

async function loadEverything() {
  client.openConversation(id);
  while (!client.getSnapshot().timelines[id]?.loaded) await new Promise((r) => setTimeout(r, 0));
  while (client.getSnapshot().timelines[id]?.hasMoreBefore) await client.loadOlderMessages(id);
}

await loadEverything();
globalThis.gc?.();
const heapBefore = performance.memory?.usedJSHeapSize ?? 0;
const start = performance.now();
const host = document.getElementById('root') as HTMLElement;
createRoot(host).render(
  <ChatProvider client={client}>
    <div style={{ height: '100vh' }}>
      <ChatWindow conversationId={id} />
    </div>
    <Painted
      onPaint={() => {
        globalThis.gc?.();
        window.__result = {
          messagesHeld: client.getSnapshot().timelines[id]?.messages.length ?? 0,
          firstPaintMs: performance.now() - start,
          heapDeltaBytes: (performance.memory?.usedJSHeapSize ?? 0) - heapBefore,
          domNodes: document.getElementsByTagName('*').length,
        };
      }}
    />
  </ChatProvider>,
);

/** Scrolls from the newest message to the oldest in steps, one per frame; reports the frame times. */
window.__scroll = async () => {
  const scroller = document.querySelector('.banter-message-list__scroller') as HTMLElement;
  const frames: number[] = [];
  let last = performance.now();
  for (let step = 0; step < 1_000 && scroller.scrollTop > 0; step++) {
    scroller.scrollTop = Math.max(0, scroller.scrollTop - 1500);
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  frames.sort((a, b) => a - b);
  return {
    frames: frames.length,
    p50FrameMs: frames[Math.floor(frames.length * 0.5)] ?? 0,
    p95FrameMs: frames[Math.floor(frames.length * 0.95)] ?? 0,
    maxFrameMs: frames.at(-1) ?? 0,
    reachedTop: scroller.scrollTop === 0 ? 1 : 0,
  };
};
