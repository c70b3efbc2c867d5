import {
  admitRequest as admitByProtocol,
  type ParsedRequest,
  type PayloadLimits,
  type RequestName,
} from '@banter/core/protocol';

/** What an operation receives: the input with schema defaults filled in. */
export type ParsedInput<E extends RequestName> = ParsedRequest<E>;

/**
 * The one way a payload gets in, on both transports: the protocol's admission
 * (`admitPayload`: depth, size, every string and key; then the event's
 * schema), the same function any other Banter server (core's in-memory test
 * server) calls, so no two servers can disagree about an input. Throws
 * `payload_too_deep`, `payload_too_large` or `bad_request` naming every wrong
 * field; none is retryable.
 */
export function admitRequest<E extends RequestName>(
  name: E,
  payload: unknown,
  limits: PayloadLimits,
): ParsedInput<E> {
  return admitByProtocol(name, payload, limits);
}
