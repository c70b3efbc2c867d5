export type { JsonPath, JsonReport, PayloadLimits } from './admit-payload';
export {
  admitPayload,
  defaultPayloadLimits,
  dotted,
  inspectJson,
  jsonStringBytes,
} from './admit-payload';
export { admitRequest, parseRequest } from './admit-request';
export { emojiProblem, normalizeEmoji } from './emoji';
export type { ChatErrorOptions, ErrorCode, ErrorPayload, FieldIssue } from './errors';
export { ChatError, errorCodes, isErrorCode, isRetryable } from './errors';
export type {
  Ack,
  AckResult,
  AuthExpired,
  BlockList,
  BlockResult,
  ClientRequests,
  ClientToServerEvents,
  ConversationRemoved,
  CreateConversationResult,
  ReportResult,
  RequestInput,
  RequestName,
  RequestResult,
  ServerLimits,
  ServerToClientEvents,
  SessionInfo,
  UnblockResult,
  UploadLimits,
} from './events';
export { defaultNamespace } from './events';
export { forbiddenKeys, idProblem, isBlank, isWellFormed, textProblem } from './input-rules';
export { defaultPageSize, defaultPayloadBytes, protocolLimits } from './limits';
export type { Mention } from './mentions';
export { maxMentionsPerMessage, mentionParticipantIssues, mentionRangeIssues } from './mentions';
export type { MessageSearchHit, MessageSearchPage, SearchHighlight } from './message-search';
export { messageSearchQueryLength } from './message-search';
export type {
  Attachment,
  ChangePage,
  Conversation,
  ConversationKind,
  ConversationPage,
  Message,
  MessageKind,
  MessagePage,
  Participant,
  ParticipantRole,
  Presence,
  Reaction,
  ReactionEvent,
  Receipt,
  SendResult,
  TypingUpdate,
  Upload,
  UploadCancelled,
  UploadStatus,
  UploadTarget,
  UploadTicket,
  UploadUrls,
  UserProfile,
} from './models';
export type { ParsedRequest } from './request-schemas';
export { isRequestName, requestNames, requestSchemas } from './request-schemas';
export type { HttpMethod, RestRequestName, RestRoute } from './rest';
export { restRoutes, uploadByteRoutes } from './rest';
export type * from './schemas';
export * as schemas from './schemas';
