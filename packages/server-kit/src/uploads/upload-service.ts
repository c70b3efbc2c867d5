import {
  type Attachment,
  ChatError,
  type Message,
  type Upload,
  type UploadCancelled,
  type UploadTicket,
  type UploadUrls,
} from '@banter/core/protocol';
import { RateLimiter } from '../limits/token-bucket';
import type { Logger } from '../logger';
import type { ParsedInput } from '../operations/admit';
import type { Storage } from '../storage/storage';
import { sanitizeFileName } from './file-names';
import { canonicalType } from './media-types';
import { serveAsOf, thumbnailServeAs } from './serve-as';
import { completeUpload } from './upload-completion';
import { newUploadId } from './upload-ids';
import type { ResolvedUploads } from './upload-options';
import * as sql from './upload-sql';
import type { UploadVariant } from './upload-store';
import { UploadSweeper } from './upload-sweeper';

const notParticipant = 'conversation not found, or you are not a participant';
const noSuchUpload = 'upload not found';

/** What the upload service needs from the server around it. */
export interface UploadServiceDeps {
  /** The resolved `uploads` option; null when the host configured none. */
  uploads: ResolvedUploads | null;
  /** For participation checks. */
  storage: Storage;
  now: () => Date;
  logger: Logger;
}

/** The uploads a send has claimed: their attachments, and what to do once the insert is over. */
export interface ClaimedUploads {
  /** One attachment per upload id, in the order the send named them. */
  attachments: Attachment[];
  /** The message is stored (new, or a resend's earlier copy): the uploads are its for good. */
  sent(message: Message): Promise<void>;
  /** The send failed: the uploads may be sent by another one. */
  release(): Promise<void>;
}

const nothingClaimed: ClaimedUploads = {
  attachments: [],
  sent: async () => {},
  release: async () => {},
};

/**
 * The upload requests (`upload:create`, `upload:complete`, `upload:cancel`,
 * `upload:urls`), the byte routes' checks, and the claim `message:send` makes
 * on the uploads it names. Without an upload store every one of them is
 * `uploads_disabled`.
 */
export class UploadService {
  readonly #u: ResolvedUploads | null;
  readonly #storage: Storage;
  readonly #now: () => Date;
  readonly #limiter: RateLimiter | null;
  readonly #completing = new Map<string, Promise<Upload>>();
  readonly #sweeper: UploadSweeper | null;

  constructor(deps: UploadServiceDeps) {
    this.#u = deps.uploads;
    this.#storage = deps.storage;
    this.#now = deps.now;
    this.#limiter = deps.uploads
      ? new RateLimiter(deps.uploads.createRate, () => deps.now().getTime())
      : null;
    this.#sweeper = deps.uploads ? new UploadSweeper(deps.uploads, deps.now, deps.logger) : null;
  }

  /** The resolved options, or null when uploads are off. */
  get options(): ResolvedUploads | null {
    return this.#u;
  }

  /** Starts the sweeper of unsent uploads (`createBanter` does, once). */
  start(): void {
    this.#sweeper?.start();
  }

  /** Stops the sweeper and waits for a run in progress. */
  async close(): Promise<void> {
    await this.#sweeper?.stop();
  }

  /** One sweep now (tests, and hosts that run it from a scheduler): how many uploads it deleted. */
  sweep(): Promise<number> {
    return this.#sweeper ? this.#sweeper.sweep() : Promise.resolve(0);
  }

  /** Asks to upload a file to a conversation: checks, then the upload and where to PUT it. */
  async create(userId: string, input: ParsedInput<'upload:create'>): Promise<UploadTicket> {
    const u = this.#enabled('upload');
    await this.#requireParticipant(userId, input.conversationId, 'upload');
    if (input.size === 0) throw new ChatError('file_empty', 'unable to upload: the file is empty');
    if (input.size > u.maxFileBytes) {
      throw new ChatError(
        'file_too_large',
        `unable to upload: the file is ${input.size} bytes, the limit is ${u.maxFileBytes}`,
        { limit: u.maxFileBytes },
      );
    }
    const declaredType = canonicalType(input.type);
    if (!u.allowedTypes.has(declaredType)) {
      throw new ChatError(
        'file_type_not_allowed',
        `unable to upload: files of type ${declaredType} are not allowed`,
      );
    }
    const name = sanitizeFileName(input.name);
    const same = (row: sql.UploadRow) =>
      row.conversation_id === input.conversationId &&
      Number(row.size) === input.size &&
      row.declared_type === declaredType &&
      row.name === name;
    const earlier = await sql.findByClientId(u.sql, userId, input.clientId);
    if (earlier) return this.#ticket(same(earlier) ? earlier : conflict(), false);

    const decision = this.#limiter?.take(userId) ?? { allowed: true };
    if (!decision.allowed) {
      throw new ChatError('rate_limited', 'unable to upload: too many uploads, slow down', {
        retryAfterMs: decision.retryAfterMs,
      });
    }
    const now = this.#now();
    const outcome = await sql.insertWithinQuota(
      u.sql,
      {
        id: newUploadId(),
        ownerId: userId,
        conversationId: input.conversationId,
        clientId: input.clientId,
        name,
        size: input.size,
        declaredType,
        now,
        expiresAt: new Date(now.getTime() + u.expireUnsentAfterMs),
      },
      u.quotaBytes,
    );
    if (outcome.outcome === 'quota') {
      this.#limiter?.refund(userId);
      throw new ChatError(
        'quota_exceeded',
        `unable to upload: your unsent uploads would exceed ${u.quotaBytes} bytes; send or cancel some first`,
        { limit: u.quotaBytes },
      );
    }
    if (outcome.outcome === 'existing' && !same(outcome.row)) conflict();
    return this.#ticket(outcome.row, outcome.outcome === 'inserted');
  }

  /** Checks an upload's bytes once they have arrived; completing twice returns the same upload. */
  async complete(userId: string, uploadId: string): Promise<Upload> {
    const u = this.#enabled('complete upload');
    const row = await this.#ownUpload(u, userId, uploadId);
    if (row.status === 'complete') return sql.toUpload(row);
    // One check per upload at a time on this node: a double click must not process twice.
    let running = this.#completing.get(uploadId);
    if (!running) {
      running = completeUpload(u, row).finally(() => this.#completing.delete(uploadId));
      this.#completing.set(uploadId, running);
    }
    return running;
  }

  /** Deletes an upload no message uses yet; already gone is not an error. */
  async cancel(userId: string, uploadId: string): Promise<UploadCancelled> {
    const u = this.#enabled('cancel upload');
    const [row] = await sql.findByIds(u.sql, [uploadId]);
    if (row) {
      if (row.owner_id !== userId) throw new ChatError('not_found', noSuchUpload);
      if (row.send_client_id !== null) {
        // A deleted message's file, expired with it: it goes at the next sweep.
        if (row.message_id === null && new Date(row.expires_at) <= this.#now()) {
          return { uploadId, cancelled: true };
        }
        throw new ChatError('conflict', 'unable to cancel upload: a message uses it');
      }
      if (await sql.deleteUnsent(u.sql, uploadId)) await u.store.delete(uploadId);
    }
    return { uploadId, cancelled: true };
  }

  /** Signed URLs to read files sent in a conversation, re-checking participation every time. */
  async urls(userId: string, input: ParsedInput<'upload:urls'>): Promise<UploadUrls[]> {
    const u = this.#enabled('read files');
    await this.#requireParticipant(userId, input.conversationId, 'read files');
    const ids = [...new Set(input.uploadIds)];
    const rows = await sql.readableIn(u.sql, input.conversationId, userId, ids, this.#now());
    const byId = new Map(rows.map((row) => [row.id, row]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw new ChatError('not_found', `unable to read files: no such file here (${missing[0]})`);
    }
    const expiresAt = new Date(this.#now().getTime() + u.urlTtlMs);
    return Promise.all(
      input.uploadIds.map(async (id) => {
        const row = byId.get(id) as sql.UploadRow;
        const serveAs = serveAsOf(row);
        const image = serveAs.disposition === 'inline';
        const [url, thumbnailUrl] = await Promise.all([
          u.store.readUrl(id, 'file', serveAs, expiresAt, u.signer),
          image
            ? u.store.readUrl(id, 'thumbnail', thumbnailServeAs(row), expiresAt, u.signer)
            : null,
        ]);
        return { uploadId: id, url, thumbnailUrl, expiresAt: expiresAt.toISOString() };
      }),
    );
  }

  /**
   * Claims the uploads a send names for its `clientId`: each must be the
   * sender's, of this conversation, complete, and not taken by another send.
   * A resend with the same `clientId` claims them again, harmlessly.
   */
  async claim(userId: string, input: ParsedInput<'message:send'>): Promise<ClaimedUploads> {
    if (input.uploadIds.length === 0) return nothingClaimed;
    const u = this.#enabled('send message');
    const owner = {
      ownerId: userId,
      conversationId: input.conversationId,
      clientId: input.clientId,
    };
    const claimed = await sql.claimForSend(u.sql, input.uploadIds, owner, this.#now());
    const release = () =>
      sql.releaseClaim(
        u.sql,
        claimed.map((row) => row.id),
        input.clientId,
      );
    if (claimed.length < input.uploadIds.length) {
      await release();
      throw await this.#whyNotClaimed(u, input, new Set(claimed.map((row) => row.id)), userId);
    }
    const byId = new Map(claimed.map((row) => [row.id, row]));
    return {
      attachments: input.uploadIds.map((id) => attachmentOf(byId.get(id) as sql.UploadRow)),
      sent: (message) => sql.markSent(u.sql, input.uploadIds, input.clientId, message.id),
      release,
    };
  }

  /** Checks a signed byte-route request and answers the upload it names (for the disk routes). */
  async verifyRoute(
    action: 'content' | UploadVariant,
    uploadId: string,
    query: unknown,
  ): Promise<{ u: ResolvedUploads; row: sql.UploadRow }> {
    const u = this.#enabled('use this link');
    u.signer.verify(action, uploadId, query, this.#now());
    const [row] = await sql.findByIds(u.sql, [uploadId]);
    if (!row) throw new ChatError('not_found', noSuchUpload);
    return { u, row };
  }

  #enabled(action: string): ResolvedUploads {
    if (!this.#u) {
      throw new ChatError(
        'uploads_disabled',
        `unable to ${action}: this server has no upload store`,
      );
    }
    return this.#u;
  }

  async #requireParticipant(userId: string, conversationId: string, action: string) {
    const participant = await this.#storage.getParticipant(conversationId, userId);
    if (!participant) throw new ChatError('not_found', `unable to ${action}: ${notParticipant}`);
  }

  async #ownUpload(u: ResolvedUploads, userId: string, uploadId: string) {
    const [row] = await sql.findByIds(u.sql, [uploadId]);
    if (!row || row.owner_id !== userId) throw new ChatError('not_found', noSuchUpload);
    return row;
  }

  async #ticket(row: sql.UploadRow, created: boolean): Promise<UploadTicket> {
    const u = this.#u as ResolvedUploads;
    const upload = sql.toUpload(row);
    if (row.status === 'complete') return { upload, target: null, created };
    const expiresAt = new Date(this.#now().getTime() + u.uploadUrlTtlMs);
    const target = await u.store.uploadTarget(
      row.id,
      { size: Number(row.size), contentType: row.declared_type },
      expiresAt,
      u.signer,
    );
    return {
      upload,
      target: { method: 'PUT', ...target, expiresAt: expiresAt.toISOString() },
      created,
    };
  }

  /** The first reason, in the order of the send's ids, that an upload could not be claimed. */
  async #whyNotClaimed(
    u: ResolvedUploads,
    input: ParsedInput<'message:send'>,
    claimed: Set<string>,
    userId: string,
  ): Promise<ChatError> {
    const missing = input.uploadIds.filter((id) => !claimed.has(id));
    const rows = new Map((await sql.findByIds(u.sql, missing)).map((row) => [row.id, row]));
    for (const id of missing) {
      const row = rows.get(id);
      // An expired upload is the sweeper's: as good as gone (never sent in time, or its message deleted).
      if (
        !row ||
        row.owner_id !== userId ||
        row.conversation_id !== input.conversationId ||
        new Date(row.expires_at) <= this.#now()
      ) {
        return new ChatError('not_found', `unable to send message: no such upload (${id})`);
      }
      if (row.status !== 'complete') {
        return new ChatError(
          'upload_incomplete',
          `unable to send message: upload ${id} is not complete (call upload:complete first)`,
        );
      }
      return new ChatError(
        'conflict',
        `unable to send message: upload ${id} is already used by another message`,
      );
    }
    return new ChatError('unavailable', 'unable to send message: an upload changed, try again');
  }
}

function conflict(): never {
  throw new ChatError(
    'conflict',
    'unable to upload: this clientId was used for another file or conversation',
  );
}

/** The attachment a message carries for an upload: metadata only, never a URL. */
function attachmentOf(row: sql.UploadRow): Attachment {
  const attachment: Attachment = {
    url: '',
    uploadId: row.id,
    name: row.name,
    mimeType: row.type ?? 'application/octet-stream',
    size: Number(row.size),
  };
  if (row.width !== null && row.height !== null) {
    attachment.width = row.width;
    attachment.height = row.height;
  }
  if (row.placeholder !== null) attachment.placeholder = row.placeholder;
  return attachment;
}
