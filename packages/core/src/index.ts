export type { ChatClient, CreateGroupInput, SendInput } from './client/chat-client';
export { createChatClient } from './client/create-chat-client';
export type { ChatClientOptions } from './client/options';
export type { SearchMessagesOptions } from './client/search-messages';
export type { BackoffOptions } from './connection/backoff';
export { backoffDelay, defaultBackoff } from './connection/backoff';
export type { Environment } from './connection/environment';
export type { TypingTimings } from './features/typing';
export type {
  ComposedText,
  MentionCandidate,
  MentionEdit,
  MentionQuery,
} from './mentions/mention-tokens';
export {
  filterMentionCandidates,
  insertMention,
  mentionQueryAt,
  mentionsAfterEdit,
  removeMentionBefore,
} from './mentions/mention-tokens';
export type { OutboxStorage } from './outbox/outbox-storage';
export { localStorageOutbox, memoryOutboxStorage } from './outbox/outbox-storage';
export type {
  Attachment,
  Conversation,
  ErrorCode,
  ErrorPayload,
  Message,
  MessageKind,
  MessageSearchHit,
  MessageSearchPage,
  Participant,
  Presence,
  Reaction,
  Receipt,
  SearchHighlight,
  UploadUrls,
  UserProfile,
} from './protocol';
export {
  ChatError,
  errorCodes,
  isBlank,
  isRetryable,
  normalizeEmoji,
  protocolLimits,
} from './protocol';
export type { Mention } from './protocol/mentions';
export { maxMentionsPerMessage, mentionRangeIssues } from './protocol/mentions';
export type { PushSubscribeResult, PushSubscriptionOptions } from './push/web-push-subscription';
export {
  isPushSupported,
  subscribeToPush,
  unsubscribeFromPush,
} from './push/web-push-subscription';
export { isBlocked, selectBlockedUserIds } from './store/blocks';
export type { ActionView, MessageStatus, MessageView, ReactionView } from './store/selectors';
export {
  createTimelineSelector,
  selectConversations,
  selectUnreadTotal,
  statusOf,
} from './store/selectors';
export type {
  BlockState,
  ChatState,
  ConnectionState,
  ConnectionStatus,
  PendingAction,
  PendingBlockChange,
  PendingMessage,
  Timeline,
} from './store/state';
export type { ChatTransport, TokenProvider } from './transport/chat-transport';
export type { ConnectError, RealtimeEvents, RealtimeSocket } from './transport/realtime-socket';
export type { SocketIoTransportOptions } from './transport/socket-io-transport';
export { socketIoTransport } from './transport/socket-io-transport';
export type { UploadBlobStore } from './uploads/blob-store';
export { memoryBlobStore } from './uploads/blob-store';
export type { SendFile } from './uploads/client-uploads';
export { indexedDbBlobStore } from './uploads/indexed-db-blob-store';
export type { FileInput, PendingUpload } from './uploads/pending-upload';
export { uploadProgress } from './uploads/pending-upload';
export type { UploadBytes } from './uploads/upload-bytes';
