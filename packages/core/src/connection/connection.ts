import { ChatError, type ErrorPayload, isErrorCode } from '../protocol';
import type { ConnectionStatus } from '../store/state';
import type { ConnectError, RealtimeSocket } from '../transport/realtime-socket';
import { SocketRequests } from '../transport/socket-requests';
import type { TokenSource } from '../transport/token-source';
import { type BackoffOptions, backoffDelay } from './backoff';
import type { Environment } from './environment';

export interface StatusChange {
  status: ConnectionStatus;
  reason: string;
  attempt: number;
  error: ErrorPayload | null;
  deviceOffline: boolean;
}

/** Fresh tokens refused in a row before the tokens themselves are taken to be the problem. */
const tokenRefusalsBeforeGivingUp = 3;

export interface ConnectionOptions {
  /** The link, not yet connected; the transport made it. */
  socket: RealtimeSocket;
  tokens: TokenSource;
  backoff: BackoffOptions;
  /** Failed attempts in a row after which the client goes `offline` and uses REST. */
  fallbackAfterAttempts: number;
  /** Connected this long, the backoff starts from the beginning again. */
  stableAfterMs: number;
  requestTimeoutMs: number;
  environment: Environment;
  random?: () => number;
  onStatus(change: StatusChange): void;
  /** The socket is connected and in its rooms: live events reach it from now on. */
  onSession(): void;
  /** Registers server→client listeners, once. */
  bind(socket: RealtimeSocket): void;
  onError(error: ChatError): void;
}

/**
 * Owns the socket and the reconnect loop. Socket.IO's own reconnection is off
 * so that each attempt can fetch a fresh token first and so the state machine
 * (connecting → connected → reconnecting → offline → closed) lives here.
 */
export class Connection {
  readonly socket: RealtimeSocket;
  readonly requests: SocketRequests;
  readonly #o: ConnectionOptions;
  #attempt = 0;
  /** Failed attempts before the current connection, restored if it drops before proving stable. */
  #attemptsBeforeConnect = 0;
  #everConnected = false;
  /** Handshakes refused for the token since the last connection. */
  #tokenRefusals = 0;
  /** Why the server turned this client away for good, once it has. */
  #refusal: ErrorPayload | null = null;
  /** Connected and in its rooms: requests may use the socket. */
  #live = false;
  /** An attempt is under way (token fetched or handshake sent, no outcome yet). */
  #attempting = false;
  #closed = false;
  #started = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #stableTimer: ReturnType<typeof setTimeout> | undefined;
  #unsubscribe: (() => void)[] = [];

  constructor(options: ConnectionOptions) {
    this.#o = options;
    this.socket = options.socket;
    this.requests = new SocketRequests(this.socket);
    options.bind(this.socket);
    this.socket.on('session', () => this.#connected());
    this.socket.on('connect_error', (error) => this.#failed(error));
    this.socket.on('disconnect', (reason) => this.#lost(reason));
    this.socket.on('auth:expired', () => void this.#reauthenticate());
    // Banned while connected: the server says so on every socket, then disconnects them.
    this.socket.on('session:ended', (error) => this.refuse(error));
  }

  get connected(): boolean {
    return this.#live && this.socket.connected;
  }

  /** Closed by the application, or refused by the server: nothing more is tried. */
  get #stopped(): boolean {
    return this.#closed || this.#refusal !== null;
  }

  /** Set once the server refused this client for good: no request should be tried. */
  get refusal(): ErrorPayload | null {
    return this.#refusal;
  }

  start() {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#unsubscribe.push(
      this.#o.environment.onWake(() => this.#wake()),
      this.#o.environment.onOffline(() => {
        if (!this.#live && !this.#stopped) this.#status('offline', 'the network is offline', null);
      }),
    );
    void this.#connect();
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#live = false;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#stableTimer);
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.socket.disconnect();
    this.#status('closed', 'closed by the application', null);
  }

  /** Retry now instead of waiting out the backoff (network back, tab visible). */
  #wake() {
    if (this.#stopped || this.#live || this.#attempting) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    void this.#connect();
  }

  async #connect() {
    if (this.#stopped) return;
    if (!this.#o.environment.isOnline()) {
      // Nothing to try until the platform says the network is back (#wake).
      this.#status('offline', 'the network is offline', null);
      return;
    }
    this.#status(
      this.#pendingStatus(),
      this.#attempt === 0 ? 'connecting' : `attempt ${this.#attempt + 1}`,
      null,
    );
    this.#attempting = true;
    try {
      const token = await this.#o.tokens.current();
      if (this.#stopped) return;
      this.socket.connect(token);
    } catch (error) {
      this.#attempting = false;
      this.#o.onError(ChatError.from(error, 'unauthenticated'));
      this.#retryLater(error instanceof ChatError ? error.toPayload() : null);
    }
  }

  #pendingStatus(): ConnectionStatus {
    if (this.#attempt >= this.#o.fallbackAfterAttempts) return 'offline';
    return this.#everConnected ? 'reconnecting' : 'connecting';
  }

  #connected() {
    if (this.#closed) return;
    this.#attempting = false;
    const resumed = this.#everConnected;
    this.#everConnected = true;
    this.#live = true;
    clearTimeout(this.#stableTimer);
    // The backoff restarts from zero only once the link proves stable, so a flapping link keeps backing off.
    this.#attemptsBeforeConnect = this.#attempt;
    this.#attempt = 0;
    this.#tokenRefusals = 0;
    this.#stableTimer = setTimeout(() => {
      this.#stableTimer = undefined;
      this.#attemptsBeforeConnect = 0;
    }, this.#o.stableAfterMs);
    this.#status('connected', resumed ? 'reconnected' : 'connected', null);
    this.#o.onSession();
  }

  #failed(error: ConnectError) {
    this.#attempting = false;
    if (this.#stopped) return;
    const payload = errorPayloadOf(error);
    if (payload?.code === 'banned') {
      this.refuse(payload);
      return;
    }
    if (payload?.code === 'origin_not_allowed' || payload?.code === 'not_found') {
      const fix =
        payload.code === 'origin_not_allowed'
          ? "; add this page's origin to server-kit's allowedOrigins"
          : '';
      this.refuse({ ...payload, message: `${payload.message}${fix}` });
      return;
    }
    if (payload && (payload.code === 'unauthenticated' || payload.code === 'token_expired')) {
      this.#tokenRefusals += 1;
      if (!this.#o.tokens.canRefresh) {
        this.refuse({
          ...payload,
          message: `${payload.message}; the token cannot be renewed: give the client getToken so it can fetch a fresh one`,
        });
        return;
      }
      if (this.#tokenRefusals >= tokenRefusalsBeforeGivingUp) {
        this.refuse({
          ...payload,
          message: `${payload.message}; ${this.#tokenRefusals} fresh tokens in a row were refused: check that the token endpoint signs with the secret server-kit verifies, puts the user id in \`sub\` and sets \`exp\``,
        });
        return;
      }
      void this.#o.tokens.refresh().catch((refreshError: unknown) => {
        if (refreshError instanceof ChatError) this.#o.onError(refreshError);
      });
    }
    this.#retryLater(payload);
  }

  /**
   * Gives up for good: the server will keep saying no until the configuration
   * changes (or the host lifts a ban). Also called when a request meets
   * `banned` over REST. Only the first refusal counts: it is reported once.
   */
  refuse(error: ErrorPayload) {
    if (this.#stopped) return;
    this.#refusal = { ...error, retryable: false };
    this.#live = false;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    clearTimeout(this.#stableTimer);
    this.#stableTimer = undefined;
    this.#o.onError(ChatError.fromPayload(this.#refusal));
    this.#status('refused', error.message, this.#refusal);
  }

  #lost(reason: string) {
    this.#live = false;
    this.#attempting = false;
    if (this.#stopped) return;
    // A drop within the stability window continues the backoff where it was.
    if (this.#stableTimer !== undefined) {
      clearTimeout(this.#stableTimer);
      this.#stableTimer = undefined;
      this.#attempt = this.#attemptsBeforeConnect;
    }
    this.#retryLater(null, `connection lost: ${reason}`);
  }

  #retryLater(error: ErrorPayload | null, reason?: string) {
    if (this.#stopped || this.#retryTimer !== undefined) return;
    this.#attempt += 1;
    const delay = backoffDelay(this.#attempt - 1, this.#o.backoff, this.#o.random);
    this.#status(this.#pendingStatus(), reason ?? error?.message ?? 'unable to connect', error);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#connect();
    }, delay);
  }

  #reauthenticating: Promise<void> | undefined;

  /**
   * Gets a new token and hands it to the live socket, once for all callers at
   * the same moment (the server's `auth:expired` and requests refused with
   * `token_expired` often arrive together).
   */
  reauthenticate(): Promise<void> {
    this.#reauthenticating ??= (async () => {
      const token = await this.#o.tokens.refresh();
      await this.requests.request('auth:refresh', { token }, this.#o.requestTimeoutMs);
    })().finally(() => {
      this.#reauthenticating = undefined;
    });
    return this.#reauthenticating;
  }

  async #reauthenticate() {
    try {
      await this.reauthenticate();
    } catch (error) {
      // The server will close the socket after its grace period; the reconnect loop then brings a new token.
      this.#o.onError(ChatError.from(error, 'unauthenticated'));
    }
  }

  #status(status: ConnectionStatus, reason: string, error: ErrorPayload | null) {
    this.#o.onStatus({
      status,
      reason,
      attempt: this.#attempt,
      error,
      deviceOffline: !this.#o.environment.isOnline(),
    });
  }
}

function errorPayloadOf(error: ConnectError): ErrorPayload | null {
  const data = error.data as Partial<ErrorPayload> | undefined;
  if (data && isErrorCode(data.code) && typeof data.message === 'string')
    return data as ErrorPayload;
  return null;
}
