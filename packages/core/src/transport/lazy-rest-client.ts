import { ChatError } from '../protocol';
import { adoptChatError } from '../uploads/adopt-chat-error';
import { loadRestMachinery } from './load-rest-machinery';
import type { RestClientOptions, RestRequest } from './rest-client';

/**
 * The REST fallback client, its code loaded on the first request (see
 * load-rest-machinery.ts). Errors from the loaded entry, which has its own
 * ChatError class, are adopted by the client's, so `instanceof ChatError`,
 * `banned` and the retry of `unavailable` work as with an eager client.
 */
export function lazyRestClient(options: RestClientOptions): RestRequest {
  let client: RestRequest | undefined;
  return async (name, payload, timeoutMs) => {
    try {
      client ??= (await loadRestMachinery()).createRestClient(options);
      return await client(name, payload, timeoutMs);
    } catch (error) {
      throw adoptChatError(error, ChatError);
    }
  };
}
