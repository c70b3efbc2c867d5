import type { ZodType } from 'zod';
import type { RequestInput, RequestName } from './events';
import * as s from './schemas';

/*
 * Kept apart from the event types so that a client importing the protocol's
 * names and errors does not pull the validation library into its bundle.
 */

/** What a server's handler receives for an event: the payload after its schema (defaults filled in). */
export type ParsedRequest<E extends RequestName> = E extends 'message:send'
  ? s.SendMessageData
  : E extends 'upload:create'
    ? s.CreateUploadData
    : RequestInput<E>;

/**
 * Run-time schema of each request payload; servers validate against these.
 * Typed per event: a schema that does not produce the event's payload type
 * (say `archiveSchema` under `conversation:mute`) fails to compile.
 */
export const requestSchemas: { [E in RequestName]: ZodType<ParsedRequest<E>> } = {
  'conversation:list': s.listConversationsSchema,
  'conversation:get': s.conversationRefSchema,
  'conversation:create': s.createConversationSchema,
  'conversation:addParticipants': s.addParticipantsSchema,
  'conversation:removeParticipant': s.removeParticipantSchema,
  'conversation:leave': s.conversationRefSchema,
  'conversation:archive': s.archiveSchema,
  'conversation:mute': s.muteSchema,
  'message:send': s.sendMessageSchema,
  'message:edit': s.editMessageSchema,
  'message:delete': s.deleteMessageSchema,
  'message:list': s.listMessagesSchema,
  'message:changes': s.listChangesSchema,
  'reaction:add': s.reactionSchema,
  'reaction:remove': s.reactionSchema,
  'receipt:read': s.watermarkSchema,
  'receipt:delivered': s.watermarkSchema,
  'typing:set': s.typingSchema,
  'presence:get': s.userIdsSchema,
  'user:get': s.userIdsSchema,
  'user:search': s.searchUsersSchema,
  'user:block': s.blockUserSchema,
  'user:unblock': s.blockUserSchema,
  'user:blocks': s.emptySchema,
  'message:search': s.searchMessagesSchema,
  'message:report': s.reportMessageSchema,
  'auth:refresh': s.refreshAuthSchema,
  'upload:create': s.createUploadSchema,
  'upload:complete': s.uploadRefSchema,
  'upload:cancel': s.uploadRefSchema,
  'upload:urls': s.uploadUrlsSchema,
};

/** Every request a client can make, by name. */
export const requestNames = Object.keys(requestSchemas) as RequestName[];

/** Whether a string names a request of the protocol. */
export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requestSchemas, name);
}
