import { describe, expect, it } from 'vitest';
import { ChatError } from '../protocol';
import type { RealtimeSocket } from './realtime-socket';
import { SocketRequests } from './socket-requests';

/** A connected socket whose encoder overflows, as Socket.IO's does on a payload nested thousands deep. */
function overflowingSocket(): RealtimeSocket {
  return {
    connected: true,
    connect() {},
    disconnect() {},
    on() {},
    emit() {
      throw new RangeError('Maximum call stack size exceeded');
    },
  };
}

describe('SocketRequests', () => {
  it('refuses a payload the socket cannot encode for good, instead of failing retryably', async () => {
    const requests = new SocketRequests(overflowingSocket());
    const failure = await requests
      .request('typing:set', { conversationId: 'c1', typing: true }, 1_000)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChatError);
    expect(failure).toMatchObject({ code: 'payload_too_deep', retryable: false });
  });
});
