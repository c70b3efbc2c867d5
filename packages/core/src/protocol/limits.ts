/** Hard bounds of the protocol. The server may be configured tighter, never looser. */
export const protocolLimits = {
  idLength: 128,
  clientIdLength: 64,
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
} as const;

export const defaultPageSize = 50;
