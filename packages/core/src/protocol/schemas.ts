import { z } from 'zod';
import { inspectJson } from './admit-payload';
import { emojiProblem, normalizeEmoji } from './emoji';
import { idProblem, isBlank, textProblem } from './input-rules';
import { protocolLimits as L } from './limits';
import { maxMentionsPerMessage, mentionRangeIssues } from './mentions';
import { messageSearchQueryLength } from './message-search';

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

/** Validates one attachment: a link to a file the host stores, with optional details for display. */
export const attachmentSchema = z.object({
  /** Where the file is: an `http:` or `https:` URL of at most 2,048 characters. */
  url: httpUrl,
  /** File name to show, at most 255 characters. */
  name: text().max(255).optional(),
  /** Media type such as `image/jpeg`, at most 127 characters. */
  mimeType: text().max(127).optional(),
  /** File size in bytes. */
  size: z.int().min(0).optional(),
  /** Image width in pixels. */
  width: z.int().min(0).optional(),
  /** Image height in pixels. */
  height: z.int().min(0).optional(),
});

/** Validates a payload naming one conversation (`conversation:get`, `conversation:leave`). */
export const conversationRefSchema = z.object({
  /** Conversation to act on; `not_found` unless the caller is a participant. */
  conversationId: id,
});

/** Validates `conversation:list`: which of the caller's conversations, and which page. */
export const listConversationsSchema = z.object({
  /** True lists only archived conversations; false (the default) only the others. */
  archived: z.boolean().optional(),
  /** Page size, 1–100 (default 50). */
  limit: pageLimit.optional(),
  /** The previous page's `nextCursor`; omit it for the first page. */
  cursor: text().max(256).optional(),
});

/** Validates `conversation:create`: a direct conversation with one other user, or a group. */
export const createConversationSchema = z.discriminatedUnion('kind', [
  z.object({
    /** One per pair of users: creating it again returns the existing one. */
    kind: z.literal('direct'),
    /** The other person; not the caller. */
    userId: id,
    /** Host data, a JSON object of at most 4,096 bytes; ignored if the conversation exists. */
    metadata: metadata.optional(),
  }),
  z.object({
    /** A new group, owned by the caller. */
    kind: z.literal('group'),
    /** The others to add, 0–100 ids; the caller is always in, duplicates are ignored. */
    participantIds: z.array(id).max(L.participantsPerRequest),
    /** Group name, at most 200 characters once trimmed; a blank title means none (stored as null). */
    title: text()
      .transform((value) => (isBlank(value) ? '' : value.trim()))
      .pipe(z.string().max(L.titleLength))
      .optional(),
    /** Host data, a JSON object of at most 4,096 bytes of JSON. */
    metadata: metadata.optional(),
    /** The creator's key for this group: a retry with it returns the group it made. */
    idempotencyKey: idempotencyKey.optional(),
  }),
]);

/** Validates `conversation:addParticipants`: the group owner adds people. */
export const addParticipantsSchema = z.object({
  /** Group to add them to; `forbidden` for a direct conversation. */
  conversationId: id,
  /** 1–100 users to add; those already in the group are ignored. */
  userIds: z.array(id).min(1).max(L.participantsPerRequest),
});

/** Validates `conversation:removeParticipant`: the group owner removes someone else. */
export const removeParticipantSchema = z.object({
  /** Group to remove them from. */
  conversationId: id,
  /** Participant to remove; not the caller, who uses `conversation:leave`. */
  userId: id,
});

/** Validates `conversation:archive`, which sets the caller's own flag only. */
export const archiveSchema = z.object({
  /** Conversation to act on; `not_found` unless the caller is a participant. */
  conversationId: id,
  /** True to archive; false to bring it back to the main list. */
  archived: z.boolean(),
});
/** Validates `conversation:mute`, which sets the caller's own flag only. */
export const muteSchema = z.object({
  /** Conversation to act on; `not_found` unless the caller is a participant. */
  conversationId: id,
  /** True to mute; the server sends the same events either way, the flag is for clients and notifications. */
  muted: z.boolean(),
});

/** One mention: who, and where in the body (UTF-16 code units, `end` exclusive). */
const mentionSchema = z.object({
  /** The person named; the server refuses anyone not a participant of the conversation. */
  userId: id,
  /** First code unit of the name in the body. */
  start: z.int().min(0),
  /** One past its last code unit. */
  end: z.int().min(0),
});

/** Up to `maxMentionsPerMessage` mentions; their ranges are checked against the body by `refineMentions`. */
const mentionsField = z.array(mentionSchema).max(maxMentionsPerMessage);

/** Adds `mentionRangeIssues` of a payload's mentions as zod issues (paths such as `mentions.0`). */
function refineMentions(
  value: { body: string; mentions?: { userId: string; start: number; end: number }[] | undefined },
  ctx: z.core.$RefinementCtx,
) {
  for (const issue of mentionRangeIssues(value.body, value.mentions ?? [])) {
    const path = issue.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    ctx.addIssue({ code: 'custom', path, message: issue.message });
  }
}

/** Validates `message:send`; parsing fills in the defaults of `kind`, `body` and `attachments`. */
export const sendMessageSchema = z
  .object({
    /** Conversation to post in; `not_found` unless the caller is a participant. */
    conversationId: id,
    /** The sender's idempotency key, 1–64 characters: resend with the same one after a lost ack. */
    clientId: text().min(1).max(L.clientIdLength),
    /** `text` (the default) needs a body; `image` and `file` need at least one attachment. */
    kind: z.enum(['text', 'image', 'file']).default('text'),
    /** The text: at most `maxTextLength` code points and 20,000 UTF-16 units; empty by default. */
    body: text().max(L.bodyLength).default(''),
    /** Up to 10 attachments; none by default. */
    attachments: z.array(attachmentSchema).max(L.attachmentsPerMessage).default([]),
    /**
     * Up to 10 completed uploads (`upload:complete`) of the sender's in this
     * conversation, attached in this order after `attachments`; none by default.
     */
    uploadIds: z.array(id).max(L.uploadIdsPerRequest).default([]),
    /** Id of the message in the same conversation that this one answers. */
    replyTo: id.optional(),
    /** People named in `body`, at most 20, each range within it and none overlapping; none by default. */
    mentions: mentionsField.optional(),
  })
  .superRefine((value, ctx) => {
    refineMentions(value, ctx);
    if (value.kind === 'text' && isBlank(value.body)) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'a text message needs a body' });
    }
    if (value.kind !== 'text' && value.attachments.length + value.uploadIds.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['attachments'],
        message: `a ${value.kind} message needs at least one attachment or upload`,
      });
    }
    if (value.attachments.length + value.uploadIds.length > L.attachmentsPerMessage) {
      ctx.addIssue({
        code: 'custom',
        path: ['uploadIds'],
        message: `attachments and uploads together must be at most ${L.attachmentsPerMessage}`,
      });
    }
    if (new Set(value.uploadIds).size !== value.uploadIds.length) {
      ctx.addIssue({ code: 'custom', path: ['uploadIds'], message: 'must not repeat an id' });
    }
  });

/** Validates `message:edit`: the sender replaces the text of their message. */
export const editMessageSchema = z
  .object({
    /** Conversation of the message. */
    conversationId: id,
    /** Message to edit; only its sender may, and not once it is deleted. */
    messageId: id,
    /** New text, not blank, within the same limits as a send. */
    body: text()
      .max(L.bodyLength)
      .refine((body) => !isBlank(body), 'must not be blank'),
    /** The mentions of the new text, replacing the old ones; omitted or empty clears them. */
    mentions: mentionsField.optional(),
  })
  .superRefine(refineMentions);

/** Validates `message:delete`: the sender's soft delete, which keeps the message's `seq`. */
export const deleteMessageSchema = z.object({
  /** Conversation of the message. */
  conversationId: id,
  /** Message to delete; only its sender may, and deleting it twice is not an error. */
  messageId: id,
});

/** One reaction of the caller's on a message; adding twice or removing twice changes nothing. */
export const reactionSchema = z.object({
  /** Conversation of the message. */
  conversationId: id,
  /** Message to react to; `not_found` once it is deleted. */
  messageId: id,
  /** Exactly one emoji (one grapheme, at most 32 UTF-16 units), normalized without U+FE0F. */
  emoji: z.string().superRefine(rule(emojiProblem)).transform(normalizeEmoji),
});

/** Validates `message:list`: one page of history, placed by at most one of `after`, `before` and `around`. */
export const listMessagesSchema = z
  .object({
    /** Conversation to read; `not_found` unless the caller is a participant. */
    conversationId: id,
    /** Messages with a higher `seq`, oldest first: for filling a gap. */
    after: seq.optional(),
    /** The newest messages with a lower `seq`: for loading older history. */
    before: seq.optional(),
    /** A page with this seq in its middle: for jumping to a message (a reply's original, a search hit). */
    around: seq.optional(),
    /** Page size, 1–100 (default 50). */
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
  /** Conversation to catch up on; `not_found` unless the caller is a participant. */
  conversationId: id,
  /** The change counter the client holds; 0 returns every message. */
  after: seq,
  /** Page size, 1–100 (default 50). */
  limit: pageLimit.optional(),
});

/** Validates `receipt:read` and `receipt:delivered`: everything up to `seq` was read, or reached the device. */
export const watermarkSchema = z.object({
  /** Conversation to act on; `not_found` unless the caller is a participant. */
  conversationId: id,
  /** Highest `seq` read or received; one beyond the newest message is clamped to it. */
  seq,
});

/** Validates `typing:set`. */
export const typingSchema = z.object({
  /** Conversation to act on; `not_found` unless the caller is a participant. */
  conversationId: id,
  /** True while the user types (resend at most every 2 s); false when they stop or send. */
  typing: z.boolean(),
});

/** Validates `presence:get` and `user:get`: the users to look up. */
export const userIdsSchema = z.object({
  /** 1–100 user ids; duplicates are answered once. */
  userIds: z.array(id).min(1).max(L.userIdsPerRequest),
});

/** Validates `user:search`. */
export const searchUsersSchema = z.object({
  /** Search text, not blank, at most 100 characters once trimmed; the host decides what matches. */
  query: trimmedText(L.searchQueryLength),
  /** Most profiles to return, 1–50 (default 20). */
  limit: z.int().min(1).max(50).optional(),
});

/** Validates `message:search`: full-text search over the caller's conversations, newest first. */
export const searchMessagesSchema = z.object({
  /**
   * Search text, not blank, at most 256 characters once trimmed: words, `"a phrase"`, `or`,
   * `-word`; the last word also matches as a prefix. Syntax never fails: what cannot be
   * read as a search finds nothing.
   */
  query: trimmedText(messageSearchQueryLength),
  /** Only this conversation (`not_found` unless the caller is a participant); omit for all of the caller's. */
  conversationId: id.optional(),
  /** The previous page's `nextCursor`; omit it for the first page. */
  cursor: text().max(256).optional(),
  /** Most hits per page, 1–50 (default 20). */
  limit: z.int().min(1).max(50).optional(),
});

/** Validates `user:block` and `user:unblock`: the other user, never the caller. */
export const blockUserSchema = z.object({
  /** The user to block or unblock; the caller's own id is `bad_request`. */
  userId: id,
});

/** Validates `user:blocks`, which takes no fields (unknown ones are dropped). */
export const emptySchema = z.object({});

/** Validates `message:report`: a participant flags a message for the host. */
export const reportMessageSchema = z.object({
  /** Conversation of the message; `not_found` unless the caller is a participant. */
  conversationId: id,
  /** Message to report; `not_found` if there is no such message in the conversation. */
  messageId: id,
  /** Why, for the host's moderators: not blank, at most 500 characters once trimmed. */
  reason: trimmedText(L.reportReasonLength),
});

/**
 * A declared media type: `type/subtype`, lower-cased, parameters dropped
 * (`Image/PNG; q=1` is `image/png`). Empty, as browsers give for an unknown
 * file, means `application/octet-stream`.
 */
const mediaType = text()
  .max(L.mediaTypeLength)
  .transform((value) => (value.split(';')[0] ?? '').trim().toLowerCase())
  .transform((value) => (value === '' ? 'application/octet-stream' : value))
  .pipe(
    z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/,
        'must be a media type such as image/png',
      ),
  );

/** Validates `upload:create`: the caller asks to upload one file to a conversation. */
export const createUploadSchema = z.object({
  /** Conversation the file will be sent in; `not_found` unless the caller is a participant. */
  conversationId: id,
  /** The uploader's idempotency key, 1–64 characters: asking again with it returns the same upload (and a fresh target). */
  clientId: text().min(1).max(L.clientIdLength),
  /** The file's name as the user has it, at most 1,024 characters; stored sanitized (`Upload.name`). */
  name: text().min(1).max(L.uploadNameInputLength),
  /** Size in bytes: 0 is `file_empty`, above the server's `maxFileBytes` is `file_too_large`. */
  size: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Declared media type (e.g. `File.type`); empty means `application/octet-stream`. Checked against the bytes at `upload:complete`. */
  type: mediaType,
});

/** Validates `upload:complete` and `upload:cancel`: one of the caller's uploads. */
export const uploadRefSchema = z.object({
  /** An upload of the caller's; `not_found` for anyone else's. */
  uploadId: id,
});

/** Validates `upload:urls`: short-lived URLs to read files sent in a conversation. */
export const uploadUrlsSchema = z.object({
  /** Conversation the files were sent in; `not_found` unless the caller is a participant now. */
  conversationId: id,
  /** 1–10 upload ids from this conversation's attachments (or the caller's own uploads in it). */
  uploadIds: z.array(id).min(1).max(L.uploadIdsPerRequest),
});

/** Validates `auth:refresh`. */
export const refreshAuthSchema = z.object({
  /** A fresh token for the same user, 1–8,192 characters. */
  token: text().min(1).max(8_192),
});

/** Payload of `conversation:list`. */
export type ListConversationsInput = z.infer<typeof listConversationsSchema>;
/** Payload of `conversation:create`. */
export type CreateConversationInput = z.infer<typeof createConversationSchema>;
/** Payload of `conversation:addParticipants`. */
export type AddParticipantsInput = z.infer<typeof addParticipantsSchema>;
/** Payload of `conversation:removeParticipant`. */
export type RemoveParticipantInput = z.infer<typeof removeParticipantSchema>;
/** Payload naming one conversation: `conversation:get` and `conversation:leave`. */
export type ConversationRef = z.infer<typeof conversationRefSchema>;
/** Payload of `conversation:archive`. */
export type ArchiveInput = z.infer<typeof archiveSchema>;
/** Payload of `conversation:mute`. */
export type MuteInput = z.infer<typeof muteSchema>;
/** What a client sends; `kind`, `body` and `attachments` have defaults. */
export type SendMessageInput = z.input<typeof sendMessageSchema>;
/** A `message:send` payload once parsed, defaults filled in: what server handlers receive. */
export type SendMessageData = z.output<typeof sendMessageSchema>;
/** Payload of `message:edit`. */
export type EditMessageInput = z.infer<typeof editMessageSchema>;
/** Payload of `message:delete`. */
export type DeleteMessageInput = z.infer<typeof deleteMessageSchema>;
/** Payload of `reaction:add` and `reaction:remove`. */
export type ReactionInput = z.infer<typeof reactionSchema>;
/** Payload of `message:list`. */
export type ListMessagesInput = z.infer<typeof listMessagesSchema>;
/** Payload of `message:changes`. */
export type ListChangesInput = z.infer<typeof listChangesSchema>;
/** Payload of `receipt:read` and `receipt:delivered`. */
export type WatermarkInput = z.infer<typeof watermarkSchema>;
/** Payload of `typing:set`. */
export type TypingInput = z.infer<typeof typingSchema>;
/** Payload of `presence:get` and `user:get`. */
export type UserIdsInput = z.infer<typeof userIdsSchema>;
/** Payload of `user:search`. */
export type SearchUsersInput = z.infer<typeof searchUsersSchema>;
/** Payload of `message:search`. */
export type SearchMessagesInput = z.infer<typeof searchMessagesSchema>;
/** Payload of `user:block` and `user:unblock`. */
export type BlockUserInput = z.infer<typeof blockUserSchema>;
/** Payload of `user:blocks`: no fields. */
export type EmptyInput = z.infer<typeof emptySchema>;
/** Payload of `message:report`. */
export type ReportMessageInput = z.infer<typeof reportMessageSchema>;
/** What a client sends with `upload:create` (`type` may be empty). */
export type CreateUploadInput = z.input<typeof createUploadSchema>;
/** An `upload:create` payload once parsed: `type` normalized. */
export type CreateUploadData = z.output<typeof createUploadSchema>;
/** Payload of `upload:complete` and `upload:cancel`. */
export type UploadRefInput = z.infer<typeof uploadRefSchema>;
/** Payload of `upload:urls`. */
export type UploadUrlsInput = z.infer<typeof uploadUrlsSchema>;
/** Payload of `auth:refresh`. */
export type RefreshAuthInput = z.infer<typeof refreshAuthSchema>;
