import { z } from 'zod';
import { protocolLimits as L } from './limits';

/**
 * Run-time schemas of every client→server payload. Unknown fields are dropped,
 * so a forged `senderId` never reaches the handlers.
 */

/** Text without NUL: PostgreSQL cannot store it, so it is refused here as bad input, not met as a database error. */
const text = () =>
  z.string().refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');

const id = text().pipe(z.string().trim().min(1).max(L.idLength));
const seq = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const pageLimit = z.int().min(1).max(L.pageSize);

const httpUrl = z
  .string()
  .max(L.urlLength)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'https:' || protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/** The JSON text of a value, or null for what cannot be serialized (cycles, nesting too deep). */
function jsonOf(value: unknown): string | null {
  try {
    return JSON.stringify(value);
  } catch {
    return null;
  }
}

const metadata = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const json = jsonOf(value);
  if (json === null) {
    ctx.addIssue({ code: 'custom', message: 'must be plain JSON' });
  } else if (new TextEncoder().encode(json).length > L.metadataBytes) {
    ctx.addIssue({
      code: 'custom',
      message: `must serialize to at most ${L.metadataBytes} bytes of JSON`,
    });
  } else if (json.includes('\\u0000')) {
    ctx.addIssue({ code: 'custom', message: 'must not contain NUL characters' });
  }
});

export const attachmentSchema = z.object({
  url: httpUrl,
  name: z.string().max(255).optional(),
  mimeType: z.string().max(127).optional(),
  size: z.int().min(0).optional(),
  width: z.int().min(0).optional(),
  height: z.int().min(0).optional(),
});

export const conversationRefSchema = z.object({ conversationId: id });

export const listConversationsSchema = z.object({
  archived: z.boolean().optional(),
  limit: pageLimit.optional(),
  cursor: z.string().max(256).optional(),
});

export const createConversationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('direct'), userId: id, metadata: metadata.optional() }),
  z.object({
    kind: z.literal('group'),
    participantIds: z.array(id).max(L.participantsPerRequest),
    title: text().pipe(z.string().trim().max(L.titleLength)).optional(),
    metadata: metadata.optional(),
  }),
]);

export const addParticipantsSchema = z.object({
  conversationId: id,
  userIds: z.array(id).min(1).max(L.participantsPerRequest),
});

export const removeParticipantSchema = z.object({ conversationId: id, userId: id });

export const archiveSchema = z.object({ conversationId: id, archived: z.boolean() });
export const muteSchema = z.object({ conversationId: id, muted: z.boolean() });

export const sendMessageSchema = z
  .object({
    conversationId: id,
    clientId: text().pipe(z.string().min(1).max(L.clientIdLength)),
    kind: z.enum(['text', 'image', 'file']).default('text'),
    body: text().pipe(z.string().max(L.bodyLength)).default(''),
    attachments: z.array(attachmentSchema).max(L.attachmentsPerMessage).default([]),
    replyTo: id.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'text' && value.body.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'a text message needs a body' });
    }
    if (value.kind !== 'text' && value.attachments.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['attachments'],
        message: `a ${value.kind} message needs at least one attachment`,
      });
    }
  });

export const editMessageSchema = z.object({
  conversationId: id,
  messageId: id,
  body: text().pipe(
    z
      .string()
      .max(L.bodyLength)
      .refine((body) => body.trim() !== '', 'must not be empty'),
  ),
});

export const deleteMessageSchema = z.object({ conversationId: id, messageId: id });

export const listMessagesSchema = z
  .object({
    conversationId: id,
    after: seq.optional(),
    before: seq.optional(),
    limit: pageLimit.optional(),
  })
  .refine((value) => value.after === undefined || value.before === undefined, {
    message: 'give either after or before, not both',
    path: ['before'],
  });

export const watermarkSchema = z.object({ conversationId: id, seq });

export const typingSchema = z.object({ conversationId: id, typing: z.boolean() });

export const userIdsSchema = z.object({ userIds: z.array(id).min(1).max(L.userIdsPerRequest) });

export const searchUsersSchema = z.object({
  query: text().pipe(z.string().trim().min(1).max(L.searchQueryLength)),
  limit: z.int().min(1).max(50).optional(),
});

export const refreshAuthSchema = z.object({ token: z.string().min(1).max(8_192) });

export type ListConversationsInput = z.infer<typeof listConversationsSchema>;
export type CreateConversationInput = z.infer<typeof createConversationSchema>;
export type AddParticipantsInput = z.infer<typeof addParticipantsSchema>;
export type RemoveParticipantInput = z.infer<typeof removeParticipantSchema>;
export type ConversationRef = z.infer<typeof conversationRefSchema>;
export type ArchiveInput = z.infer<typeof archiveSchema>;
export type MuteInput = z.infer<typeof muteSchema>;
/** What a client sends; `kind`, `body` and `attachments` have defaults. */
export type SendMessageInput = z.input<typeof sendMessageSchema>;
export type SendMessageData = z.output<typeof sendMessageSchema>;
export type EditMessageInput = z.infer<typeof editMessageSchema>;
export type DeleteMessageInput = z.infer<typeof deleteMessageSchema>;
export type ListMessagesInput = z.infer<typeof listMessagesSchema>;
export type WatermarkInput = z.infer<typeof watermarkSchema>;
export type TypingInput = z.infer<typeof typingSchema>;
export type UserIdsInput = z.infer<typeof userIdsSchema>;
export type SearchUsersInput = z.infer<typeof searchUsersSchema>;
export type RefreshAuthInput = z.infer<typeof refreshAuthSchema>;
