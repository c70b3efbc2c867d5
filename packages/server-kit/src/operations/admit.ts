import {
  admitPayload,
  ChatError,
  type FieldIssue,
  type PayloadLimits,
  type RequestInput,
  type RequestName,
  requestSchemas,
  type SendMessageData,
} from '@banter/core/protocol';

/** What an operation receives: the input with schema defaults filled in. */
export type ParsedInput<E extends RequestName> = E extends 'message:send'
  ? SendMessageData
  : RequestInput<E>;

/**
 * The one way a payload gets in, on every transport: the protocol's admission
 * check (depth, size, every string and key), then the event's schema (defaults
 * applied, unknown fields dropped). Throws `payload_too_deep`,
 * `payload_too_large` or `bad_request` naming every wrong field; none is
 * retryable, since the same payload can never succeed.
 */
export function admitRequest<E extends RequestName>(
  name: E,
  payload: unknown,
  limits: PayloadLimits,
): ParsedInput<E> {
  admitPayload(payload, limits, name);
  const result = requestSchemas[name].safeParse(payload);
  if (result.success) return result.data as ParsedInput<E>;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(payload)',
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new ChatError('bad_request', `invalid ${name} payload: ${summary}`, { issues });
}
