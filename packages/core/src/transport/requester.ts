import type { Connection } from '../connection/connection';
import { ChatError, type RequestInput, type RequestName, type RequestResult } from '../protocol';
import type { RestRequest } from './rest-client';
import { isRestRequest } from './rest-request-names';

/** One request, typed by the protocol table: a payload field renamed on one side fails `tsc`. */
export type Request = <E extends RequestName>(
  name: E,
  payload: RequestInput<E>,
) => Promise<RequestResult<E>>;

/**
 * Sends each request over the socket when it is live, and over REST
 * otherwise (for the requests REST has). Same payloads, same answers.
 */
export function createRequester(
  connection: Connection,
  rest: RestRequest | null,
  timeoutMs: number,
) {
  const request: Request = async (name, payload) => {
    try {
      return await attempt(name, payload);
    } catch (error) {
      // A ban met by a request (over REST, or before the socket heard of it) ends the session
      // as a refused handshake does: no more attempts, one error for the application.
      if (error instanceof ChatError && error.code === 'banned')
        connection.refuse(error.toPayload());
      throw error;
    }
  };
  const attempt: Request = async (name, payload) => {
    // Refused for good (origin, tokens, no server at the url): REST would only hide it.
    const refusal = connection.refusal;
    if (refusal) throw ChatError.fromPayload(refusal);
    if (connection.connected) {
      try {
        return await connection.requests.request(name, payload, timeoutMs);
      } catch (error) {
        // The token ran out while connected: renew it on the socket and ask once more.
        if (
          !(error instanceof ChatError) ||
          error.code !== 'token_expired' ||
          name === 'auth:refresh'
        )
          throw error;
        await connection.reauthenticate();
        return connection.requests.request(name, payload, timeoutMs);
      }
    }
    // `name` narrows to the REST names here, but TypeScript cannot narrow `payload` with it.
    if (rest && isRestRequest(name))
      return rest(name, payload as RequestInput<typeof name>, timeoutMs) as Promise<
        RequestResult<typeof name>
      >;
    throw new ChatError('unavailable', `unable to ${name}: not connected`);
  };
  const available = (name: RequestName) =>
    connection.refusal === null && (connection.connected || (rest !== null && isRestRequest(name)));
  return { request, available };
}
