/*
 * Compile-time tests of the request path, checked by `npm run typecheck`: each
 * `@ts-expect-error` must meet an error, or `tsc` fails on the unused directive.
 * Nothing here runs.
 */
import type { ChatTransport } from './chat-transport';
import type { Request } from './requester';
import type { RestRequest } from './rest-client';

declare const request: Request;
declare const rest: RestRequest;
declare const transport: ChatTransport;

export function requestPayloadsAreTypedByEvent() {
  void request('message:send', { conversationId: 'c1', clientId: 'k1', body: 'hi' });
  // @ts-expect-error a renamed field (conversationId → conversation) fails to compile
  void request('message:send', { conversation: 'c1', clientId: 'k1', body: 'hi' });
  // @ts-expect-error a field of the wrong type fails to compile
  void request('receipt:read', { conversationId: 'c1', seq: '3' });
  // @ts-expect-error another event's payload fails to compile
  void request('conversation:mute', { conversationId: 'c1', archived: true });
}

export function restPayloadsAreTypedByEvent() {
  void rest('message:list', { conversationId: 'c1', after: 3 }, 1_000);
  // @ts-expect-error a renamed field fails to compile over REST too
  void rest('message:list', { conversationID: 'c1' }, 1_000);
  // @ts-expect-error socket-only requests have no REST route
  void rest('typing:set', { conversationId: 'c1', typing: true }, 1_000);
}

export async function resultsAreTypedByEvent() {
  const page = await request('message:list', { conversationId: 'c1' });
  const seqs: number[] = page.messages.map((message) => message.seq);
  const sent = await request('message:send', { conversationId: 'c1', clientId: 'k1' });
  // @ts-expect-error a send answers a SendResult, not a Message
  const wrong: string = sent.body;
  return [seqs, wrong];
}

export function socketEmitsAreTypedByEvent() {
  const socket = transport.createSocket();
  socket.emit('typing:set', { conversationId: 'c1', typing: true }, () => {});
  // @ts-expect-error a renamed field fails to compile on the socket as well
  socket.emit('typing:set', { conversation: 'c1', typing: true }, () => {});
}
