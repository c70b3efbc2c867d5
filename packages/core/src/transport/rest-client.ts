import {
  type AckResult,
  ChatError,
  type RequestInput,
  type RequestResult,
  type RestRequestName,
  restRoutes,
} from '../protocol';
import type { TokenProvider } from './chat-transport';

// Kept importable from here for the in-memory transport (testing entry).
export { isRestRequest } from './rest-request-names';

/** Where and how `createRestClient` reaches the host's REST router. */
export interface RestClientOptions {
  /** Where the host mounted the router, e.g. `https://api.example.com/chat`. */
  baseUrl: string;
  /** The current token, and its renewal when the server refuses it. */
  tokens: TokenProvider;
  /** The fetch to use. Default the global one. */
  fetch?: typeof fetch;
}

/** One request over REST, typed by the protocol table, with its timeout. */
export type RestRequest = <E extends RestRequestName>(
  name: E,
  payload: RequestInput<E>,
  timeoutMs: number,
) => Promise<RequestResult<E>>;

/**
 * The same requests as the socket, over HTTP: same payloads, same errors, same
 * idempotency. A refused token is renewed once through `getToken`.
 */
export function createRestClient(options: RestClientOptions): RestRequest {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch =
    options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));

  async function once<E extends RestRequestName>(
    name: E,
    payload: RequestInput<E>,
    timeoutMs: number,
    token: string,
  ) {
    const route = restRoutes[name];
    const fields: Record<string, unknown> = { ...payload };
    const path = route.path.replace(/:(\w+)/g, (_, key: string) => {
      const value = fields[key];
      delete fields[key];
      return encodeURIComponent(String(value ?? ''));
    });
    let url = `${base}${path}`;
    const init: RequestInit = {
      method: route.method,
      headers: { authorization: `Bearer ${token}` },
    };
    if (route.method === 'GET') {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined)
          query.set(key, Array.isArray(value) ? value.join(',') : String(value));
      }
      const text = query.toString();
      if (text) url += `?${text}`;
    } else {
      init.body = JSON.stringify(fields);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    try {
      response = await doFetch(url, { ...init, signal: controller.signal });
    } catch (error) {
      clearTimeout(timer);
      if (controller.signal.aborted)
        throw new ChatError('timeout', `no answer to ${name} within ${timeoutMs} ms`);
      throw new ChatError('unavailable', `unable to reach the server for ${name}`, {
        cause: error,
      });
    }
    try {
      const body = (await response.json()) as AckResult<RequestResult<E>>;
      if (body?.ok === true) return body.data;
      if (body?.ok === false) {
        const retryAfter = Number(response.headers.get('retry-after'));
        const error = ChatError.fromPayload(body.error);
        if (error.code === 'rate_limited' && error.retryAfterMs === undefined && retryAfter > 0) {
          throw new ChatError('rate_limited', error.message, { retryAfterMs: retryAfter * 1000 });
        }
        throw error;
      }
    } catch (error) {
      if (error instanceof ChatError) throw error;
    } finally {
      clearTimeout(timer);
    }
    // Not our JSON: a proxy's error page, a gateway timeout, an HTML 502.
    const code =
      response.status === 429
        ? 'rate_limited'
        : response.status >= 500
          ? 'unavailable'
          : 'internal';
    throw new ChatError(code, `unexpected HTTP ${response.status} from the server for ${name}`);
  }

  return async (name, payload, timeoutMs) => {
    const token = await options.tokens.current();
    try {
      return await once(name, payload, timeoutMs, token);
    } catch (error) {
      const refused =
        error instanceof ChatError &&
        (error.code === 'token_expired' || error.code === 'unauthenticated');
      if (!refused || !options.tokens.canRefresh) throw error;
      return once(name, payload, timeoutMs, await options.tokens.refresh());
    }
  };
}
