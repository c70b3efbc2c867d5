import { type ClientSocket, nextEvent, ok } from '../harness';

/**
 * A well-behaved sender writing to one receiver every `pauseMs` while `going()`:
 * returns each send's ack time in ms. Fails if a send is refused or never arrives,
 * which is how a fault case shows that other users were not affected.
 */
export async function politeSends(
  sender: ClientSocket,
  receiver: ClientSocket,
  conversationId: string,
  { label, pauseMs, going }: { label: string; pauseMs: number; going: () => boolean },
) {
  const times: number[] = [];
  for (let n = 0; going(); n++) {
    const body = `${label}-${n}`;
    const arrives = nextEvent(receiver, 'message:new', (m) => m.body === body, 10_000);
    const started = performance.now();
    await ok(sender, 'message:send', { conversationId, clientId: body, body });
    times.push(performance.now() - started);
    await arrives;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return times;
}

/** `p50/p99 ms` of a list of times, for the counts a case prints. */
export function p50p99(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  return { p50: at(50), p99: at(99), text: `${at(50).toFixed(1)}/${at(99).toFixed(1)} ms` };
}
