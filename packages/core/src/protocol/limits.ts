/** Hard bounds of the protocol. The server may be configured tighter, never looser. */
export const protocolLimits = {
  /** Longest id (conversation, message, user), in UTF-16 code units. */
  idLength: 128,
  /** Longest `clientId` of a send, in UTF-16 code units. */
  clientIdLength: 64,
  /** A group create's `idempotencyKey`, checked as an id. */
  idempotencyKeyLength: 64,
  /** Upper bound on message text; servers enforce their own (default 4,000) below it. */
  bodyLength: 20_000,
  /** Longest group title once trimmed, in UTF-16 code units. */
  titleLength: 200,
  /** Serialized JSON size of host metadata on a conversation. */
  metadataBytes: 4_096,
  /** Most attachments on one message. */
  attachmentsPerMessage: 10,
  /** Longest attachment URL, in UTF-16 code units. */
  urlLength: 2_048,
  /** Most ids in a group create's `participantIds` or in `conversation:addParticipants`. */
  participantsPerRequest: 100,
  /** Most ids in one `presence:get` or `user:get`. */
  userIdsPerRequest: 100,
  /** Largest page `limit` of conversation, message and change lists. */
  pageSize: 100,
  /** Longest `user:search` query once trimmed, in UTF-16 code units. */
  searchQueryLength: 100,
  /** Longest `message:report` reason once trimmed, in UTF-16 code units. */
  reportReasonLength: 500,
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
  /** Longest file name `upload:create` accepts, in UTF-16 code units; it is stored sanitized (see `uploadNameLength`). */
  uploadNameInputLength: 1_024,
  /** Longest stored (sanitized) file name, in UTF-16 code units; longer names are shortened keeping the extension. */
  uploadNameLength: 255,
  /** Longest declared media type of an upload, in UTF-16 code units. */
  mediaTypeLength: 127,
  /** Most upload ids in one `message:send` or `upload:urls`; attachments and uploads together are at most `attachmentsPerMessage`. */
  uploadIdsPerRequest: 10,
} as const;

/** Page size of conversation, message and change lists that give no `limit`. */
export const defaultPageSize = 50;

/** The payload size a server accepts unless its host configures another (`maxPayloadBytes`). */
export const defaultPayloadBytes = 64 * 1024;
