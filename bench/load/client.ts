/**
 * One simulated user: a socket.io-client socket speaking Banter's protocol
 * (token in the handshake, `message:send` with a clientId and an ack), not the
 * full @banter/core client, whose store, outbox and receipts would make the
 * load generator, not the server, the limit on two cores.
 */
import type {
  AckResult,
  ClientToServerEvents,
  Message,
  ServerToClientEvents,
} from '@banter/core/protocol';
import { io, type Socket } from 'socket.io-client';
import { signToken } from './auth';
import type { Target } from './ipc';

/** The relay understands one more event: joining a room by name. */
type BenchClientEvents = ClientToServerEvents & {
  join: (room: string, ack: (result: AckResult<null>) => void) => void;
};
export type BenchSocket = Socket<ServerToClientEvents, BenchClientEvents>;

const timeoutMs = 30_000;

export class SimClient {
  readonly userId: string;
  readonly target: Target;
  readonly socket: BenchSocket;
  /** Conversations the server told this user about: the socket is in their room from then on. */
  readonly #known = new Set<string>();
  readonly #waiting = new Map<string, () => void>();

  private constructor(userId: string, target: Target, socket: BenchSocket) {
    this.userId = userId;
    this.target = target;
    this.socket = socket;
    socket.on('conversation:updated', (conversation) => {
      this.#known.add(conversation.id);
      this.#waiting.get(conversation.id)?.();
    });
  }

  /** Resolves once the server is ready for this client: Banter's `session`, the relay's connect. */
  static async connect(
    url: string,
    target: Target,
    userId: string,
    onMessage: (client: SimClient, message: Message) => void,
  ): Promise<SimClient> {
    const auth = target === 'relay' ? { userId } : { token: await signToken(userId) };
    const socket: BenchSocket = io(`${url}/banter`, {
      auth,
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    const client = new SimClient(userId, target, socket);
    socket.on('message:new', (message) => onMessage(client, message));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`${userId}: not connected in time`)),
        timeoutMs,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.disconnect();
        reject(error);
      };
      socket.once('connect_error', (error) => fail(error));
      socket.once(target === 'relay' ? 'connect' : 'session', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return client;
  }

  /** Banter puts the socket in the room itself and says so; the relay must be asked. */
  async joined(conversationId: string): Promise<void> {
    if (this.target === 'relay') {
      const result = await this.socket.timeout(timeoutMs).emitWithAck('join', conversationId);
      if (!result.ok) throw new Error(`join failed: ${result.error.message}`);
      return;
    }
    if (this.#known.has(conversationId)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(conversationId);
        reject(new Error(`${this.userId}: never told about ${conversationId}`));
      }, timeoutMs);
      this.#waiting.set(conversationId, () => {
        clearTimeout(timer);
        this.#waiting.delete(conversationId);
        resolve();
      });
    });
  }

  /** Creates a conversation with these other members and returns its id (Banter only). */
  async createConversation(others: string[]): Promise<string> {
    const [only] = others;
    if (others.length === 1 && only !== undefined) {
      const result = await this.#request('conversation:create', { kind: 'direct', userId: only });
      return result.conversation.id;
    }
    // A request names at most 100 people; bigger groups grow with addParticipants.
    const chunk = 99;
    const result = await this.#request('conversation:create', {
      kind: 'group',
      participantIds: others.slice(0, chunk),
    });
    const conversationId = result.conversation.id;
    for (let start = chunk; start < others.length; start += 100) {
      await this.#request('conversation:addParticipants', {
        conversationId,
        userIds: others.slice(start, start + 100),
      });
    }
    return conversationId;
  }

  close() {
    this.socket.disconnect();
  }

  async #request<E extends 'conversation:create' | 'conversation:addParticipants'>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ) {
    const timed = this.socket.timeout(timeoutMs);
    const emit = timed.emitWithAck.bind(timed) as (
      event: E,
      payload: unknown,
    ) => Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]>;
    const result = await emit(event, payload);
    if (!result.ok)
      throw new Error(`${event} failed: ${result.error.code} ${result.error.message}`);
    return result.data;
  }
}
