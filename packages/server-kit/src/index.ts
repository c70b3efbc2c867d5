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
export type { BanterLimits, BanterOptions } from './options';
export { defaultLimits } from './options';
export type { BanterNamespace, SocketData } from './socket/types';
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
