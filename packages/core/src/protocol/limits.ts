/** Hard bounds of the protocol. The server may be configured tighter, never looser. */
export const protocolLimits = {
  idLength: 128,
  clientIdLength: 64,
  /** A group create's `idempotencyKey`, checked as an id. */
  idempotencyKeyLength: 64,
  /** Upper bound on message text; servers enforce their own (default 4,000) below it. */
  bodyLength: 20_000,
  titleLength: 200,
  /** Serialized JSON size of host metadata on a conversation. */
  metadataBytes: 4_096,
  attachmentsPerMessage: 10,
  urlLength: 2_048,
  participantsPerRequest: 100,
  userIdsPerRequest: 100,
  pageSize: 100,
  searchQueryLength: 100,
  /**
   * How deep objects and arrays may nest in a payload: the payload object is level 1,
   * an object or array inside it level 2, and so on. The same on every transport.
   */
  payloadDepth: 32,
  /** Different emoji on one message; one more is refused with `limit_reached`. */
  reactionEmojiPerMessage: 20,
  /** Different emoji one user may put on one message; one more is refused with `limit_reached`. */
  reactionsPerUserPerMessage: 10,
  /** How many of the users who reacted with an emoji a message names (the first ones). */
  reactionUsersShown: 5,
  /** Longest reaction emoji, in UTF-16 code units (a family with skin tones fits). */
  emojiLength: 32,
} as const;

export const defaultPageSize = 50;

/** The payload size a server accepts unless its host configures another (`maxPayloadBytes`). */
export const defaultPayloadBytes = 64 * 1024;
