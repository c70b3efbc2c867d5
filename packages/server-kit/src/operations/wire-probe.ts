/*
 * Test support (not exported): writes requests the way any client in any
 * language could put them on the wire, including what JavaScript's own
 * serializers refuse to produce (objects nested thousands deep, unpaired
 * surrogates in a URL), so that both transports can be fed the same bytes.
 */
import { type AckResult, type RequestName, restRoutes } from '@banter/core/protocol';
import type { ClientSocket } from '../../test/harness';

/** Written as `depth` nested objects around `leaf`; JSON.stringify overflows the stack on these. */
export class Deep {
  constructor(
    readonly depth: number,
    readonly leaf: unknown = 'x',
  ) {}
}

/** The value with an own property `key` (e.g. `__proto__`), as JSON.parse would make it. */
export function withOwnKey<T extends object>(value: T, key: string, keyValue: unknown): T {
  const copy = { ...value };
  Object.defineProperty(copy, key, { value: keyValue, enumerable: true });
  return copy;
}

/** JSON text of a value, `Deep` expanded and own keys of any name written. */
export function jsonText(value: unknown): string {
  if (value instanceof Deep) {
    return `${'{"a":'.repeat(value.depth)}${jsonText(value.leaf)}${'}'.repeat(value.depth)}`;
  }
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).map(
      (key) => `${JSON.stringify(key)}:${jsonText((value as Record<string, unknown>)[key])}`,
    );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

let nextAckId = 1_000_000;

/** Emits a socket.io event frame written by hand and waits for its ack. */
export function socketAsk(
  socket: ClientSocket,
  event: string,
  payload: unknown,
  namespace = '/banter',
): Promise<AckResult<unknown>> {
  const id = nextAckId++;
  const engine = socket.io.engine;
  const ackPrefix = `3${namespace},${id}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      engine.off('message', onMessage);
      reject(new Error(`no ack for ${event} within 5 s`));
    }, 5_000);
    const onMessage = (data: unknown) => {
      if (typeof data !== 'string' || !data.startsWith(`${ackPrefix}[`)) return;
      clearTimeout(timer);
      engine.off('message', onMessage);
      resolve((JSON.parse(data.slice(ackPrefix.length)) as [AckResult<unknown>])[0]);
    };
    engine.on('message', onMessage);
    const args = payload === undefined ? '' : `,${jsonText(payload)}`;
    engine.write(`2${namespace},${id}[${JSON.stringify(event)}${args}]`);
  });
}

export interface RestProbe {
  method: string;
  path: string;
  body?: string;
}

/**
 * The REST request that carries the same payload, or null when REST cannot
 * carry it (no route; a path field that is not a string; a GET field that is
 * not a string, number, boolean or list of strings; a query too long for a URL).
 */
export function restRequestFor(name: RequestName, payload: unknown): RestProbe | null {
  const route = (restRoutes as Partial<Record<RequestName, { method: string; path: string }>>)[
    name
  ];
  if (!route) return null;
  const fields: Record<string, unknown> =
    payload !== null && typeof payload === 'object' && !Array.isArray(payload)
      ? { ...payload }
      : {};
  let path = route.path;
  for (const [, param] of route.path.matchAll(/:(\w+)/g)) {
    const value = fields[param as string];
    if (typeof value !== 'string') return null;
    path = path.replace(`:${param}`, percentEncode(value));
    delete fields[param as string];
  }
  if (route.method !== 'GET') {
    const isObject = payload !== null && typeof payload === 'object' && !Array.isArray(payload);
    return { method: route.method, path, body: isObject ? jsonText(fields) : jsonText(payload) };
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const query: string[] = [];
  for (const key of Object.keys(fields)) {
    const text = queryValue(fields[key]);
    if (text === null) return null;
    query.push(`${percentEncode(key)}=${percentEncode(text)}`);
  }
  const search = query.join('&');
  if (search.length > 8_000) return null;
  return { method: 'GET', path: search === '' ? path : `${path}?${search}` };
}

function queryValue(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && !v.includes(','))) {
    return value.join(',');
  }
  return null;
}

/** encodeURIComponent, except that an unpaired surrogate is written as its WTF-8 bytes instead of throwing. */
export function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
      out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text[i] as string);
    }
  }
  return out;
}

/** Sends a REST probe with a bearer token; the body is the protocol's `{ ok, … }`. */
export async function restAsk(
  baseUrl: string,
  token: string,
  probe: RestProbe,
): Promise<{ status: number; result: AckResult<unknown> }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (probe.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${probe.path}`, {
    method: probe.method,
    headers,
    body: probe.body,
  });
  return { status: response.status, result: (await response.json()) as AckResult<unknown> };
}
