export type { BanterAdmin } from './admin/admin';
export type {
  AdminCreateConversation,
  AdminRemoveParticipant,
  AdminUpdateConversation,
} from './admin/admin-conversations';
export type { AdminDeleteMessage, AdminPostMessage, AdminSender } from './admin/admin-messages';
export type { EraseUserOptions, EraseUserResult } from './admin/admin-users';
export {
  botSenderId,
  erasedSenderId,
  isReservedUserId,
  systemSenderId,
} from './admin/host-senders';
export type { AuthContext, Authenticate, AuthenticatedUser } from './auth/authenticate';
export type { JwtAuthenticatorOptions } from './auth/jwt';
export { createJwtAuthenticator } from './auth/jwt';
export type { TokenIssuer, TokenIssuerOptions } from './auth/token-issuer';
export { createTokenIssuer } from './auth/token-issuer';
export type { Banter } from './create-banter';
export { createBanter } from './create-banter';
export { httpStatusOf } from './errors';
export type {
  BanterHooks,
  BeforeMessageContext,
  BeforeMessageResult,
  OnMessageContext,
  ReportContext,
} from './hooks';
export type { RateLimit } from './limits/token-bucket';
export type { Logger } from './logger';
export { consoleLogger, silentLogger } from './logger';
export type { BanOptions } from './moderation/bans';
export type { BanterLimits, BanterOptions } from './options';
export { defaultLimits } from './options';
export type { PushOptions, PushPreview } from './push/push-options';
export { knownPushService } from './push/push-options';
export type { PushPayload } from './push/push-payload';
export type { NewPushSubscription, PushTarget } from './push/push-sql';
export type { RetentionOptions } from './retention/retention-sweeper';
export type { BanterNamespace, SocketData } from './socket/types';
export type { SendBlocks, SendCheck } from './storage/moderation';
export type {
  ConversationListQuery,
  MessageRange,
  NewDirectConversation,
  NewGroupConversation,
  NewMessage,
  ParticipantRecord,
  Storage,
  Watermark,
} from './storage/storage';
export type { UserExport } from './storage/user-data';
export type { DiskUploadsOptions } from './uploads/disk-uploads';
export { diskUploads } from './uploads/disk-uploads';
export { sanitizeFileName } from './uploads/file-names';
export { defaultAllowedTypes } from './uploads/media-types';
export type { S3UploadsOptions } from './uploads/s3-uploads';
export { s3Uploads } from './uploads/s3-uploads';
export type { SignedAction } from './uploads/signed-urls';
export { UrlSigner } from './uploads/signed-urls';
export type { UploadOptions } from './uploads/upload-options';
export type {
  ServeAs,
  StoredBytes,
  StoreTarget,
  UploadStore,
  UploadVariant,
} from './uploads/upload-store';
export type { RetryPolicy } from './webhooks/retry-policy';
export { defaultRetryPolicy } from './webhooks/retry-policy';
export type {
  VerifyWebhookOptions,
  WebhookVerificationReason,
} from './webhooks/verify-webhook';
export { verifyWebhook, WebhookVerificationError } from './webhooks/verify-webhook';
export type { ReplayWebhooksOptions } from './webhooks/webhook-dispatcher';
export type {
  WebhookConversation,
  WebhookEvent,
  WebhookEventData,
  WebhookEventType,
  WebhookMember,
  WebhookMessage,
  WebhookReaction,
} from './webhooks/webhook-event';
export { webhookEventTypes } from './webhooks/webhook-event';
export type { WebhookOptions } from './webhooks/webhook-options';
export { signPayload, webhookHeaders } from './webhooks/webhook-signature';
