import type { Attachment, Conversation, Presence, UserProfile } from '../protocol';
import type { ChatState } from '../store/state';

export interface SendInput {
  body?: string;
  kind?: 'text' | 'image' | 'file';
  attachments?: Attachment[];
  replyTo?: string;
}

export interface CreateGroupInput {
  participantIds: string[];
  title?: string;
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
  readonly userId: string;
  getSnapshot(): ChatState;
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

  /** Shows the message at once as `sending` and returns its clientId. */
  sendMessage(conversationId: string, input: SendInput): string;
  /** Sends a `failed` message again, with the same clientId. */
  retryMessage(clientId: string): void;
  /** Drops a `failed` message. */
  discardMessage(clientId: string): void;
  /**
   * Edits, deletes and reactions go through the outbox like sends: shown at
   * once (rows of `createTimelineSelector` apply them), kept across reloads
   * with the outbox storage, retried until the server answers. Each returns
   * the action's id; a refused one stays listed on its row as `failed`.
   * `messageId` may also be the clientId of an own send not yet
   * acknowledged: the action is shown on its row at once and sent after it
   * (held while the send is failed, dropped if the send is discarded).
   */
  editMessage(conversationId: string, messageId: string, body: string): string;
  deleteMessage(conversationId: string, messageId: string): string;
  addReaction(conversationId: string, messageId: string, emoji: string): string;
  removeReaction(conversationId: string, messageId: string, emoji: string): string;
  /** Tries a failed action again, with the same id. */
  retryAction(actionId: string): void;
  /** Drops a failed action: the message shows what the server holds. */
  discardAction(actionId: string): void;
  /** Loads older pages until the message with this seq is held (jumping to a reply's original). */
  loadAround(conversationId: string, seq: number): Promise<void>;
  /** Marks read up to `seq`, by default everything held. */
  markRead(conversationId: string, seq?: number): Promise<void>;

  /** Call on each keystroke; throttled and stopped after idling. */
  typing(conversationId: string): void;
  stopTyping(conversationId: string): void;

  createDirectConversation(
    userId: string,
    metadata?: Record<string, unknown>,
  ): Promise<Conversation>;
  createGroupConversation(input: CreateGroupInput): Promise<Conversation>;
  addParticipants(conversationId: string, userIds: string[]): Promise<Conversation>;
  removeParticipant(conversationId: string, userId: string): Promise<Conversation>;
  leaveConversation(conversationId: string): Promise<void>;
  archiveConversation(conversationId: string, archived?: boolean): Promise<Conversation>;
  muteConversation(conversationId: string, muted?: boolean): Promise<Conversation>;

  fetchPresence(userIds: string[]): Promise<Presence[]>;
  fetchUsers(userIds: string[]): Promise<UserProfile[]>;
  searchUsers(query: string): Promise<UserProfile[]>;
}
