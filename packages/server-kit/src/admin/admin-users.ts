import { ChatError } from '@banter/core/protocol';
import { forEveryone } from '../chat/for-everyone';
import type { ChatService } from '../chat/service';
import type { ResolvedOptions } from '../options';
import type { UserExport } from '../storage/user-data';
import { deleteErasedUploads } from '../uploads/erased-uploads';
import { checkUserId, refusal } from './admin-input';
import { erasedSenderId } from './host-senders';

/** What `banter.admin.eraseUser` takes besides the user. */
export interface EraseUserOptions {
  /**
   * `delete`: their messages are deleted as a user's delete does (clients see them go; a
   * tombstone keeps each seq). `anonymize`: the text stays, the sender becomes `erasedSenderId`.
   */
  messages: 'delete' | 'anonymize';
}

/** What `banter.admin.eraseUser` did. */
export interface EraseUserResult {
  /** How many messages changed: theirs, and others' that lost their reactions. */
  messagesChanged: number;
  /** How many conversations they were taken out of. */
  conversationsLeft: number;
}

/** The host's calls about a user's data: export and erasure. */
export class AdminUsers {
  readonly #service: ChatService;
  readonly #o: ResolvedOptions;

  constructor(service: ChatService, options: ResolvedOptions) {
    this.#service = service;
    this.#o = options;
  }

  async export(userId: string): Promise<UserExport> {
    checkUserId(userId, 'userId', 'export user');
    return this.#service.storage.exportUser(userId, this.#o.now());
  }

  async erase(userId: string, options: EraseUserOptions): Promise<EraseUserResult> {
    const action = 'erase user';
    checkUserId(userId, 'userId', action);
    const mode = options?.messages;
    if (mode !== 'delete' && mode !== 'anonymize') {
      throw refusal('bad_request', action, [
        { path: 'messages', message: 'must be "delete" or "anonymize"' },
      ]);
    }
    const result = await this.#service.storage.eraseUser({
      userId,
      placeholderId: erasedSenderId,
      messages: mode,
      now: this.#o.now(),
    });
    // After the commit: their files, whose rows and attachments are gone (best-effort, logged).
    const store = this.#service.uploads.options?.store;
    if (store) await deleteErasedUploads(store, result.erasedUploadIds, this.#o.logger);
    // After the commit, as for any change: each conversation hears what changed in it.
    const { broadcaster } = this.#service;
    for (const message of result.changedMessages) {
      broadcaster.toConversation(message.conversationId, 'message:updated', forEveryone(message));
    }
    for (const conversationId of result.leftConversationIds) {
      await this.#service.afterRemoval(conversationId, userId, 'removed');
    }
    broadcaster.endSessions(
      userId,
      new ChatError('unauthenticated', 'this account was erased').toPayload(),
    );
    return {
      messagesChanged: result.changedMessages.length,
      conversationsLeft: result.leftConversationIds.length,
    };
  }
}
