/**
 * Every code, in one list: what a received code is checked against. The meanings are in
 * `errorCodes`, which nothing reads at run time, so a browser bundle leaves them out.
 */
const codeList = [
  'bad_request',
  'payload_too_large',
  'payload_too_deep',
  'message_too_long',
  'unauthenticated',
  'token_expired',
  'forbidden',
  'banned',
  'not_found',
  'rejected',
  'limit_reached',
  'conflict',
  'rate_limited',
  'too_many_connections',
  'origin_not_allowed',
  'unknown_event',
  'unavailable',
  'internal',
  'timeout',
  'closed',
  'file_too_large',
  'file_empty',
  'file_type_not_allowed',
  'file_type_mismatch',
  'upload_incomplete',
  'quota_exceeded',
  'url_expired',
  'uploads_disabled',
] as const;

/** A stable error code; `errorCodes` says what each one means. */
export type ErrorCode = (typeof codeList)[number];

const knownCodes: ReadonlySet<string> = new Set(codeList);

/**
 * Every error Banter reports, over the socket, over REST and inside the client,
 * carries one of these codes. Codes are stable; messages are for people.
 * (Typed by `ErrorCode`, so a code missing here or in the list above fails to compile.)
 */
export const errorCodes: { readonly [C in ErrorCode]: string } = {
  /** The payload failed validation (wrong type, missing or malformed field, a string that breaks the input rules). */
  bad_request: 'the payload failed validation',
  /** The payload is larger than the server accepts (`maxPayloadBytes` of JSON). */
  payload_too_large: 'the payload is larger than the server accepts',
  /** Objects and arrays in the payload nest deeper than the protocol allows (`protocolLimits.payloadDepth`). */
  payload_too_deep: 'the payload nests deeper than the protocol allows',
  /** The text is longer than the configured limit (4,000 characters by default). */
  message_too_long: 'the message text is longer than the limit',
  /** No credentials, or credentials the server could not verify. */
  unauthenticated: 'no valid credentials were presented',
  /** The token has expired: get a fresh one, re-authenticate, and retry. */
  token_expired: 'the token has expired',
  /** The user is known but not allowed to do this (e.g. edit another user's message). */
  forbidden: 'the user may not do this',
  /** The host banned this user: the handshake and every request are refused until an unban. */
  banned: 'the host banned this user',
  /** No such conversation or message, or the user is not a participant (indistinguishable by design). */
  not_found: 'not found, or not a participant',
  /** The host's moderation hook refused the message; `message` carries its reason. */
  rejected: 'refused by the host application',
  /** A per-message cap is reached (different reaction emoji, reactions of one user); see `protocolLimits`. */
  limit_reached: 'a per-message limit is reached',
  /** The idempotency key was used before for a different request (a group create with other participants, title or metadata). */
  conflict: 'the idempotency key was used for a different request',
  /** Too many requests; wait `retryAfterMs` before trying again. */
  rate_limited: 'too many requests',
  /** The user already has the maximum number of open connections. */
  too_many_connections: 'too many open connections for this user',
  /** The handshake came from an origin that is not on the allow-list. */
  origin_not_allowed: 'origin not allowed',
  /** The event name is not part of the protocol. */
  unknown_event: 'unknown event',
  /** A dependency (database, host hook) is failing; retry later. Nothing was written. */
  unavailable: 'temporarily unavailable',
  /** An unexpected server fault. Nothing was written. */
  internal: 'internal error',
  /** Client only: the operation did not complete in time (the server may or may not have it). */
  timeout: 'timed out',
  /** Client only: the client was closed before the operation completed. */
  closed: 'the client is closed',
  /** The file is larger than the server accepts; `limit` carries the largest size in bytes. */
  file_too_large: 'the file is larger than the server accepts',
  /** The file has no bytes (declared size 0, or nothing was uploaded). */
  file_empty: 'the file is empty',
  /** The file's type (declared, or sniffed from its bytes) is not on the server's allow-list. */
  file_type_not_allowed: 'this type of file is not allowed',
  /** The bytes are not of the declared type (e.g. HTML or SVG named `.png`, declared `image/png`). */
  file_type_mismatch: 'the file content does not match its declared type',
  /** The upload's bytes have not all arrived (complete it after the PUT succeeds), or differ from the declared size. */
  upload_incomplete: 'the upload is not complete',
  /** The user's uploads not yet sent in a message exceed their quota; `limit` carries it in bytes. */
  quota_exceeded: 'the upload quota is used up',
  /** A signed file or upload URL has expired: ask for a new one (`upload:urls` or `upload:create`). */
  url_expired: 'the signed URL has expired',
  /** The server has no upload store configured. */
  uploads_disabled: 'file uploads are not enabled on this server',
};

/** Codes after which the same request may succeed if sent again (after a wait or a new token). */
const retryableCodes: ReadonlySet<ErrorCode> = new Set([
  'token_expired',
  'rate_limited',
  'unavailable',
  'internal',
  'timeout',
]);

/** Whether the same request may succeed if sent again, after a wait or with a new token. */
export function isRetryable(code: ErrorCode): boolean {
  return retryableCodes.has(code);
}

/** Whether a value is a code this version knows, e.g. one read from a server's payload. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && knownCodes.has(value);
}

/** A validation problem with one field of a payload. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `attachments.0.url`. */
  path: string;
  /** What is wrong with the field, for people. */
  message: string;
}

/** The error as it travels on the wire (socket acks and REST bodies). */
export interface ErrorPayload {
  /** Stable code to switch on; a client meeting an unknown one goes by `retryable`. */
  code: ErrorCode;
  /** For people, e.g. "unable to send message: not a participant of this conversation". */
  message: string;
  /** Whether sending the same request again may succeed. */
  retryable: boolean;
  /** Present with `rate_limited`: how long to wait before retrying. */
  retryAfterMs?: number;
  /** Present with `bad_request`: which fields were wrong. */
  issues?: FieldIssue[];
  /** Present with `file_too_large` and `quota_exceeded`: the limit that was reached, in bytes. */
  limit?: number;
}

/** Details a `ChatError` may carry besides its code and message. */
export interface ChatErrorOptions {
  /** With `rate_limited`: how long to wait before retrying, in milliseconds. */
  retryAfterMs?: number;
  /** With `bad_request`: which fields were wrong. */
  issues?: FieldIssue[];
  /** With `file_too_large` and `quota_exceeded`: the limit that was reached, in bytes. */
  limit?: number;
  /** The underlying error, kept as `Error.cause`. */
  cause?: unknown;
}

/**
 * The one error type of Banter, on the server and in the client.
 *
 * @example
 * throw new ChatError('not_found', 'unable to send message: not a participant of this conversation');
 */
export class ChatError extends Error {
  /** Always `'ChatError'`. */
  override readonly name = 'ChatError';
  /** Stable code to switch on; `message` is for people. */
  readonly code: ErrorCode;
  /** With `rate_limited`: how long to wait before retrying, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** With `bad_request`, `payload_too_deep` and `message_too_long`: which fields were wrong. */
  readonly issues: FieldIssue[] | undefined;
  /** With `file_too_large` and `quota_exceeded`: the limit that was reached, in bytes. */
  readonly limit: number | undefined;

  constructor(
    code: ErrorCode,
    message: string = code.replaceAll('_', ' '),
    options: ChatErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.issues = options.issues;
    this.limit = options.limit;
  }

  /** Whether sending the same request again may succeed (`isRetryable` of the code). */
  get retryable(): boolean {
    return isRetryable(this.code);
  }

  /** The error as it is sent on the wire, in a socket ack or a REST body. */
  toPayload(): ErrorPayload {
    const payload: ErrorPayload = {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
    };
    if (this.retryAfterMs !== undefined) payload.retryAfterMs = this.retryAfterMs;
    if (this.issues !== undefined) payload.issues = this.issues;
    if (this.limit !== undefined) payload.limit = this.limit;
    return payload;
  }

  /** Any thrown value as a ChatError: typed errors as they are, anything else under `code`. */
  static from(error: unknown, code: ErrorCode = 'internal'): ChatError {
    return error instanceof ChatError
      ? error
      : new ChatError(code, String(error), { cause: error });
  }

  /** The error received on the wire, as a `ChatError`; a code this version does not know becomes `internal`. */
  static fromPayload(payload: ErrorPayload): ChatError {
    const code = isErrorCode(payload.code) ? payload.code : 'internal';
    return new ChatError(code, payload.message, {
      retryAfterMs: payload.retryAfterMs,
      issues: payload.issues,
      limit: payload.limit,
    });
  }
}
