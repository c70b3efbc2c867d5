import { ChatError, type ErrorCode, type ErrorPayload } from '@banter/core/protocol';
import type { Logger } from './logger';

/**
 * Turns anything thrown into what a client may see: typed errors as they are,
 * anything else as `internal` with no stack or detail (that goes to the log).
 */
export function toErrorPayload(error: unknown, logger: Logger, context: string): ErrorPayload {
  if (error instanceof ChatError) return error.toPayload();
  logger.error(`unexpected error in ${context}`, {
    error: error instanceof Error ? error.stack : String(error),
  });
  return new ChatError('internal', 'unexpected server error').toPayload();
}

/** The one place error codes become HTTP statuses. */
export const httpStatusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  message_too_long: 400,
  unknown_event: 400,
  unauthenticated: 401,
  token_expired: 401,
  forbidden: 403,
  banned: 403,
  origin_not_allowed: 403,
  not_found: 404,
  payload_too_large: 413,
  payload_too_deep: 400,
  rejected: 422,
  limit_reached: 409,
  conflict: 409,
  rate_limited: 429,
  too_many_connections: 429,
  internal: 500,
  unavailable: 503,
  timeout: 504,
  closed: 503,
  file_too_large: 413,
  file_empty: 400,
  file_type_not_allowed: 415,
  file_type_mismatch: 415,
  upload_incomplete: 409,
  quota_exceeded: 403,
  url_expired: 403,
  uploads_disabled: 501,
};
