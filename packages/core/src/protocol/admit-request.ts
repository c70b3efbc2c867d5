import { admitPayload, defaultPayloadLimits, type PayloadLimits } from './admit-payload';
import { ChatError, type FieldIssue } from './errors';
import type { RequestName } from './events';
import { type ParsedRequest, requestSchemas } from './request-schemas';

/*
 * The zod side of admission, apart from admit-payload.ts so that a client
 * importing the input rules does not bundle the validation library.
 */

/**
 * Checks a payload against its event's schema: the parsed value (defaults
 * applied, unknown fields dropped), or `bad_request` naming every wrong field.
 */
export function parseRequest<E extends RequestName>(name: E, payload: unknown): ParsedRequest<E> {
  const result = requestSchemas[name].safeParse(payload);
  if (result.success) return result.data as ParsedRequest<E>;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(payload)',
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new ChatError('bad_request', `invalid ${name} payload: ${summary}`, { issues });
}

/**
 * The whole admission of a request, as every Banter server runs it:
 * `admitPayload` (depth, size, every string and key), then the schema.
 * Throws `payload_too_deep`, `payload_too_large` or `bad_request`; none is
 * retryable, since the same payload can never succeed.
 *
 * @example
 * const input = admitRequest('message:send', payload, { maxBytes: 65_536, maxDepth: 32 });
 */
export function admitRequest<E extends RequestName>(
  name: E,
  payload: unknown,
  limits: PayloadLimits = defaultPayloadLimits,
): ParsedRequest<E> {
  admitPayload(payload, limits, name);
  return parseRequest(name, payload);
}
