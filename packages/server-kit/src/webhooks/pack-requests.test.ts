import { describe, expect, it } from 'vitest';
import { packRequests } from './pack-requests';
import type { ClaimedStream, PendingEvent } from './webhook-store';

function claim(conversationId: string, eventIds: number[], attempts = 0) {
  const stream: ClaimedStream = {
    conversationId,
    owner: 'o',
    attempts,
    failingForMs: null,
    deliveredUpTo: '0',
  };
  const events: PendingEvent[] = eventIds.map((id) => ({
    id: String(id),
    conversationId,
    body: '{}',
  }));
  return { stream, events };
}

const ids = (request: { events: PendingEvent[] }) => request.events.map((event) => event.id);

describe('packRequests', () => {
  it('puts healthy conversations together, up to the event limit, never splitting one', () => {
    const requests = packRequests(
      [claim('a', [1, 4]), claim('b', [2, 3, 5]), claim('c', [6, 7])],
      5,
    );
    expect(requests.map(ids)).toEqual([
      ['1', '4', '2', '3', '5'],
      ['6', '7'],
    ]);
    expect(requests[0]?.streams.map((s) => s.conversationId)).toEqual(['a', 'b']);
  });

  it('sends a conversation whose last attempt failed alone, with its oldest event only', () => {
    const requests = packRequests([claim('a', [1, 2]), claim('b', [3, 4], 2), claim('c', [5])], 10);
    expect(requests.map(ids)).toEqual([['1', '2', '5'], ['3']]);
    expect(requests[1]?.streams.map((s) => s.conversationId)).toEqual(['b']);
  });
});
