/**
 * `@banter/core/rest`: the REST fallback client and its route table, used only
 * when the socket cannot deliver. The client loads this entry with a dynamic
 * import (see load-rest-machinery.ts): on first need, or ahead of it once the
 * client is idle after its first connect. Not an API of its own.
 *
 * Built as an entry of its own (tsup has `splitting: false`), it carries its
 * own `ChatError` class; the client adopts the errors it throws (see
 * lazy-rest-client.ts).
 *
 * @packageDocumentation
 */
export type { RestClientOptions } from './rest-client';
export { createRestClient } from './rest-client';
