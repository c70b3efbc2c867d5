import {
  ChatError,
  type FieldIssue,
  type RequestInput,
  type RequestName,
  requestSchemas,
} from '@banter/core/protocol';

/**
 * Checks a payload against its event's schema and returns the parsed value
 * (defaults applied, unknown fields dropped), or throws `bad_request` naming
 * every wrong field.
 */
export function parseRequest<E extends RequestName>(name: E, payload: unknown) {
  const result = requestSchemas[name].safeParse(payload);
  if (result.success) return result.data as ParsedInput<E>;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(payload)',
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new ChatError('bad_request', `invalid ${name} payload: ${summary}`, { issues });
}

/** What a handler receives: the input with schema defaults filled in. */
export type ParsedInput<E extends RequestName> = E extends 'message:send'
  ? import('@banter/core/protocol').SendMessageData
  : RequestInput<E>;

/** Approximate wire size of a payload, to refuse oversized frames before any work. */
export function payloadBytes(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
