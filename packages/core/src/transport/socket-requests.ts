import { ChatError, type RequestInput, type RequestName, type RequestResult } from '../protocol';
import type { RealtimeSocket } from './realtime-socket';

/**
 * Requests over the socket with an ack timeout. A request is only emitted on
 * a connected socket: Socket.IO would otherwise buffer it and send it on
 * reconnect, next to the outbox's own retry. When the connection drops, every
 * request in flight fails at once instead of waiting out its timeout.
 */
export class SocketRequests {
  readonly #inFlight = new Set<(error: ChatError) => void>();

  constructor(readonly socket: RealtimeSocket) {
    socket.on('disconnect', () => {
      const error = new ChatError(
        'unavailable',
        'the connection closed before the server answered',
      );
      for (const fail of [...this.#inFlight]) fail(error);
    });
  }

  request<E extends RequestName>(
    name: E,
    payload: RequestInput<E>,
    timeoutMs: number,
  ): Promise<RequestResult<E>> {
    if (!this.socket.connected) {
      return Promise.reject(new ChatError('unavailable', 'not connected'));
    }
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        this.#inFlight.delete(fail);
      };
      const fail = (error: ChatError) => {
        settle();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new ChatError('timeout', `no answer to ${name} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#inFlight.add(fail);
      try {
        this.socket.emit(name, payload, (result) => {
          settle();
          if (result?.ok) resolve(result.data);
          else if (result && !result.ok) reject(ChatError.fromPayload(result.error));
          else reject(new ChatError('internal', `malformed answer to ${name}`));
        });
      } catch (error) {
        // Socket.IO's encoder recurses: a payload nested thousands deep overflows the stack.
        // The same payload can never be sent, so this is not a retryable fault.
        fail(
          new ChatError('payload_too_deep', `unable to ${name}: the payload cannot be encoded`, {
            cause: error,
          }),
        );
      }
    });
  }
}
