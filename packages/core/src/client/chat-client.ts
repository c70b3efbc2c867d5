import type {
  Attachment,
  Conversation,
  Mention,
  MessageSearchPage,
  Presence,
  UploadUrls,
  UserProfile,
} from '../protocol';
import type { ChatState } from '../store/state';
import type { SendFile } from '../uploads/client-uploads';
import type { SearchMessagesOptions } from './search-messages';

/** A message to send: text, or attachments with an optional caption. */
export interface SendInput {
  /** The text (or an attachment's caption). */
  body?: string;
  /** Default `text`; `image` and `file` need `attachments`. */
  kind?: 'text' | 'image' | 'file';
  /** Uploaded files to send with the message. */
  attachments?: Attachment[];
  /** The id of the message this one replies to. */
  replyTo?: string;
  /**
   * People named in `body`, ranges in UTF-16 code units (the composer's autocomplete makes
   * them; see `insertMention`). Each must be a participant: otherwise the send fails with
   * `bad_request`.
   */
  mentions?: Mention[];
  /**
   * Files to upload and send with it (at most 10): the message shows at once
   * with each file's progress (`PendingMessage.uploads`); the outbox uploads
   * them, then sends. `kind` defaults to `image` when all are images, `file` otherwise.
   */
  files?: readonly SendFile[];
}

/** A new group conversation. */
export interface CreateGroupInput {
  /** Who is in it besides you (the creator). */
  participantIds: string[];
  /** Its name, shown instead of the members' names. */
  title?: string;
  /** Your application's data about it (what it is about); stored and returned as it is. */
  metadata?: Record<string, unknown>;
}

/**
 * A Banter chat client. State lives in one store: read it with
 * `getSnapshot()`, hear about changes with `subscribe()`; snapshots are
 * immutable and only the parts that changed get new identities.
 *
 * Methods that produce something the caller needs (create, search) reject
 * with a `ChatError`. Methods a UI calls in passing (send, load, mark read,
 * typing) never reject: their failures land in state.
 *
 * @example
 * const client = createChatClient({ url: 'https://api.example.com', userId: 'ann', getToken });
 * const close = client.openConversation(conversationId);
 * client.sendMessage(conversationId, { body: 'Is the flat still available?' });
 */
export interface ChatClient {
  /** Who this client is signed in as. */
  readonly userId: string;
  /** The current immutable state; a new object only when something changed. */
  getSnapshot(): ChatState;
  /** Calls `listener` after every change of state; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Starts connecting (only needed with `autoConnect: false`). */
  connect(): void;
  /** Disconnects and stops every timer; unsent messages stay in the outbox storage. */
  close(): Promise<void>;

  /** Loads the first page of conversations into state. */
  loadConversations(options?: { archived?: boolean }): Promise<void>;
  /**
   * Marks a conversation as on screen: loads its newest messages, keeps it
   * polled while offline and gap-filled after reconnects. Returns the undo.
   */
  openConversation(conversationId: string): () => void;
  /** Loads the page before the oldest message held. Two calls at once share one request. */
  loadOlderMessages(conversationId: string): Promise<void>;
  /**
   * For a timeline held away from the present (`hasMoreAfter`, after `loadAround`): loads the
   * page after the newest message held. Two calls at once share one request.
   */
  loadNewerMessages(conversationId: string): Promise<void>;
  /**
   * Returns a timeline held away from the present to the newest messages: the newest page takes
   * its place. Sending a message there does the same.
   */
  loadLatestMessages(conversationId: string): Promise<void>;

  /** Shows the message at once as `sending` and returns its clientId. */
  sendMessage(conversationId: string, input: SendInput): string;
  /** Sends a `failed` message again, with the same clientId. */
  retryMessage(clientId: string): void;
  /** Drops a `failed` message, or cancels a send whose files are still uploading. */
  discardMessage(clientId: string): void;
  /**
   * Short-lived URLs to show or download a file of an attachment with an
   * `uploadId`; asked again once they expire (call again before each use).
   * Rejects with a `ChatError` (`not_found` once you left the conversation).
   */
  getUploadUrls(conversationId: string, uploadId: string): Promise<UploadUrls>;
  /** The bytes of a file of an own send still in the outbox, for a local preview. */
  getQueuedFile(uploadClientId: string): Promise<Blob | undefined>;
  /**
   * Edits, deletes and reactions go through the outbox like sends: shown at
   * once (rows of `createTimelineSelector` apply them), kept across reloads
   * with the outbox storage, retried until the server answers. Each returns
   * the action's id; a refused one stays listed on its row as `failed`.
   * `messageId` may also be the clientId of an own send not yet
   * acknowledged: the action is shown on its row at once and sent after it
   * (held while the send is failed, dropped if the send is discarded).
   */
  editMessage(
    conversationId: string,
    messageId: string,
    body: string,
    mentions?: Mention[],
  ): string;
  /** Deletes a message for everyone (soft: it keeps its place, without its content). */
  deleteMessage(conversationId: string, messageId: string): string;
  /** Adds your reaction with this emoji. */
  addReaction(conversationId: string, messageId: string, emoji: string): string;
  /** Removes your reaction with this emoji. */
  removeReaction(conversationId: string, messageId: string, emoji: string): string;
  /** Tries a failed action again, with the same id. */
  retryAction(actionId: string): void;
  /** Drops a failed action: the message shows what the server holds. */
  discardAction(actionId: string): void;
  /**
   * Makes sure the message with this seq is held (jumping to a reply's original, a search hit,
   * the first unread): when it is not, the page around it takes the place of the messages held
   * (fresher copies held in its range are kept). The timeline may then hold a window away from
   * the present (`hasMoreAfter`): page on with `loadNewerMessages`, or return with
   * `loadLatestMessages`.
   */
  loadAround(conversationId: string, seq: number): Promise<void>;
  /** Marks read up to `seq`, by default everything held. */
  markRead(conversationId: string, seq?: number): Promise<void>;

  /** Call on each keystroke; throttled and stopped after idling. */
  typing(conversationId: string): void;
  /** Says you stopped typing now (sending a message does it too). */
  stopTyping(conversationId: string): void;

  /**
   * The direct conversation between you and `userId`: created, or the existing one when there is
   * one, so a "Message the owner" button can call it every time. `metadata` is stored with a new
   * conversation. Rejects with a `ChatError`.
   */
  createDirectConversation(
    userId: string,
    metadata?: Record<string, unknown>,
  ): Promise<Conversation>;
  /** Creates a group with you as its first member. Rejects with a `ChatError`. */
  createGroupConversation(input: CreateGroupInput): Promise<Conversation>;
  /** Adds people to a group. Rejects with a `ChatError`. */
  addParticipants(conversationId: string, userIds: string[]): Promise<Conversation>;
  /** Removes someone from a group. Rejects with a `ChatError`. */
  removeParticipant(conversationId: string, userId: string): Promise<Conversation>;
  /** Leaves a group. Rejects with a `ChatError`. */
  leaveConversation(conversationId: string): Promise<void>;
  /** Archives a conversation for you (`false` to unarchive). */
  archiveConversation(conversationId: string, archived?: boolean): Promise<Conversation>;
  /** Mutes a conversation for you (`false` to unmute). */
  muteConversation(conversationId: string, muted?: boolean): Promise<Conversation>;

  /**
   * Blocks a user: they can no longer start or continue a direct conversation
   * with you nor see your presence, and in groups their messages are shown
   * collapsed (`isBlocked`). Offline-first like a send: shown at once, kept in
   * the outbox (and its storage) and retried until the server has it. Returns
   * the change's id. Throws a `bad_request` ChatError for your own id; a
   * refusal for good (an unknown user) goes to `onError` and the list goes
   * back to the server's.
   */
  blockUser(userId: string): string;
  /** Lifts a block, the same way as `blockUser`. */
  unblockUser(userId: string): string;
  /**
   * Reports a message to the host application with a reason (1 to 500
   * characters). Sent at once, not queued: rejects with a `ChatError` when it
   * fails, for the person to try again.
   */
  reportMessage(conversationId: string, messageId: string, reason: string): Promise<void>;

  /** Asks for these users' presence now (it also arrives live for contacts). */
  fetchPresence(userIds: string[]): Promise<Presence[]>;
  /** Profiles from the server's `getUsers` hook; kept in state. */
  fetchUsers(userIds: string[]): Promise<UserProfile[]>;
  /** People you may start a conversation with, from the server's `searchUsers` hook. */
  searchUsers(query: string): Promise<UserProfile[]>;
  /**
   * Full-text search of your messages, newest first, a page at a time, with where each hit
   * matched (`highlights`, UTF-16 offsets into the body). Sent at once, over REST while the
   * socket is down; rejects with a `ChatError` (`bad_request` for a blank or too long query,
   * `rate_limited`, `not_found` for a conversation you are not in).
   *
   * @example
   * const page = await client.searchMessages('invoice', { conversationId });
   * const more = page.nextCursor && (await client.searchMessages('invoice', { cursor: page.nextCursor }));
   */
  searchMessages(query: string, options?: SearchMessagesOptions): Promise<MessageSearchPage>;
}
