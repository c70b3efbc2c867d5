import { z } from 'zod';
import { inspectJson } from './admit-payload';
import { emojiProblem, normalizeEmoji } from './emoji';
import { idProblem, isBlank, textProblem } from './input-rules';
import { protocolLimits as L } from './limits';

/**
 * Run-time schemas of every client→server payload. Unknown fields are dropped,
 * so a forged `senderId` never reaches the handlers. Every string field follows
 * the input rules of input-rules.ts; servers also run `admitPayload` (depth,
 * size, every string and key at any depth) before these.
 */

/** A zod check from one of the input rules, so schemas word refusals as the rules do. */
const rule =
  (problemOf: (value: string) => string | null) =>
  (value: string, ctx: z.core.$RefinementCtx<string>) => {
    const problem = problemOf(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: value });
  };

/** Any text: no NUL, no unpaired surrogates (input-rules.ts). */
const text = () => z.string().superRefine(rule(textProblem));

/** Text that is never blank, then trimmed (`String.prototype.trim`). */
const trimmedText = (max: number) =>
  text()
    .refine((value) => !isBlank(value), 'must not be blank')
    .transform((value) => value.trim())
    .pipe(z.string().max(max));

/** Ids are refused, never trimmed or repaired (input-rules.ts `idProblem`). */
const id = z.string().superRefine(rule((value) => idProblem(value)));
const idempotencyKey = z
  .string()
  .superRefine(rule((value) => idProblem(value, L.idempotencyKeyLength)));
const seq = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const pageLimit = z.int().min(1).max(L.pageSize);

const httpUrl = text()
  .max(L.urlLength)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'https:' || protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/**
 * Host data: a JSON object of at most `metadataBytes`, whose strings and keys
 * follow the input rules at any depth. Checked on the value as sent, before
 * zod copies it, so that a `__proto__` key is refused rather than dropped.
 */
const metadata = z
  .unknown()
  .superRefine((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const report = inspectJson(value, L.payloadDepth);
    if (report.tooDeepAt !== null) {
      ctx.addIssue({
        code: 'custom',
        path: report.tooDeepAt,
        message: `nested deeper than ${L.payloadDepth} levels`,
      });
    } else if (report.bytes > L.metadataBytes) {
      ctx.addIssue({
        code: 'custom',
        message: `must serialize to at most ${L.metadataBytes} bytes of JSON`,
      });
    }
    for (const issue of report.issues) ctx.addIssue({ code: 'custom', ...issue });
  })
  .pipe(z.record(z.string(), z.unknown()));

export const attachmentSchema = z.object({
  url: httpUrl,
  name: text().max(255).optional(),
  mimeType: text().max(127).optional(),
  size: z.int().min(0).optional(),
  width: z.int().min(0).optional(),
  height: z.int().min(0).optional(),
});

export const conversationRefSchema = z.object({ conversationId: id });

export const listConversationsSchema = z.object({
  archived: z.boolean().optional(),
  limit: pageLimit.optional(),
  cursor: text().max(256).optional(),
});

export const createConversationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('direct'), userId: id, metadata: metadata.optional() }),
  z.object({
    kind: z.literal('group'),
    participantIds: z.array(id).max(L.participantsPerRequest),
    // A blank title means no title (stored as null); any other is trimmed.
    title: text()
      .transform((value) => (isBlank(value) ? '' : value.trim()))
      .pipe(z.string().max(L.titleLength))
      .optional(),
    metadata: metadata.optional(),
    /** The creator's key for this group: a retry with it returns the group it made. */
    idempotencyKey: idempotencyKey.optional(),
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
    clientId: text().min(1).max(L.clientIdLength),
    kind: z.enum(['text', 'image', 'file']).default('text'),
    body: text().max(L.bodyLength).default(''),
    attachments: z.array(attachmentSchema).max(L.attachmentsPerMessage).default([]),
    replyTo: id.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'text' && isBlank(value.body)) {
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
  body: text()
    .max(L.bodyLength)
    .refine((body) => !isBlank(body), 'must not be blank'),
});

export const deleteMessageSchema = z.object({ conversationId: id, messageId: id });

/** One reaction of the caller's on a message; adding twice or removing twice changes nothing. */
export const reactionSchema = z.object({
  conversationId: id,
  messageId: id,
  emoji: z.string().superRefine(rule(emojiProblem)).transform(normalizeEmoji),
});

export const listMessagesSchema = z
  .object({
    conversationId: id,
    after: seq.optional(),
    before: seq.optional(),
    /** A page with this seq in its middle: for jumping to a message (a reply's original, a search hit). */
    around: seq.optional(),
    limit: pageLimit.optional(),
  })
  .refine(
    (value) =>
      [value.after, value.before, value.around].filter((cursor) => cursor !== undefined).length <=
      1,
    { message: 'give at most one of after, before and around', path: ['before'] },
  );

/** The change feed: what changed in a conversation after the counter the client holds. */
export const listChangesSchema = z.object({
  conversationId: id,
  after: seq,
  limit: pageLimit.optional(),
});

export const watermarkSchema = z.object({ conversationId: id, seq });

export const typingSchema = z.object({ conversationId: id, typing: z.boolean() });

export const userIdsSchema = z.object({ userIds: z.array(id).min(1).max(L.userIdsPerRequest) });

export const searchUsersSchema = z.object({
  query: trimmedText(L.searchQueryLength),
  limit: z.int().min(1).max(50).optional(),
});

export const refreshAuthSchema = z.object({ token: text().min(1).max(8_192) });

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
export type ReactionInput = z.infer<typeof reactionSchema>;
export type ListMessagesInput = z.infer<typeof listMessagesSchema>;
export type ListChangesInput = z.infer<typeof listChangesSchema>;
export type WatermarkInput = z.infer<typeof watermarkSchema>;
export type TypingInput = z.infer<typeof typingSchema>;
export type UserIdsInput = z.infer<typeof userIdsSchema>;
export type SearchUsersInput = z.infer<typeof searchUsersSchema>;
export type RefreshAuthInput = z.infer<typeof refreshAuthSchema>;
