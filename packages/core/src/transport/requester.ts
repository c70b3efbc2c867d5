import type { Connection } from '../connection/connection';
import { ChatError, type RequestName, type RequestResult } from '../protocol';
import { isRestRequest, type RestRequest } from './rest-client';

export type Request = <E extends RequestName>(
  name: E,
  payload: unknown,
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
    if (rest && isRestRequest(name))
      return rest(name, payload, timeoutMs) as Promise<RequestResult<typeof name>>;
    throw new ChatError('unavailable', `unable to ${name}: not connected`);
  };
  const available = (name: RequestName) =>
    connection.connected || (rest !== null && isRestRequest(name));
  return { request, available };
}
