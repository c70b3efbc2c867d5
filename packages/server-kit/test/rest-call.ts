import type { ErrorPayload } from '@banter/core/protocol';
import { signToken } from './tokens';

/** What a REST call answered: the status and the parsed `{ ok, data }` or `{ ok, error }` body. */
export interface RestAnswer<T = unknown> {
  status: number;
  body: { ok: true; data: T } | { ok: false; error: ErrorPayload };
}

/** One REST call as `userId` (a freshly signed token) to a server's `/chat` mount. */
export async function restCall<T = unknown>(
  serverUrl: string,
  userId: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<RestAnswer<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${await signToken(userId)}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${serverUrl}/chat${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as RestAnswer<T>['body'] };
}
