import { ChatError } from '../protocol';

/**
 * Where the client's bearer token comes from: a fixed string, or the host's
 * `getToken`, called again whenever the server says the token is no longer
 * good. Concurrent refreshes share one call.
 */
export class TokenSource {
  readonly #fixed: string | undefined;
  readonly #getToken: (() => Promise<string> | string) | undefined;
  #current: Promise<string> | undefined;

  constructor(options: { token?: string; getToken?: () => Promise<string> | string }) {
    if (options.token === undefined && options.getToken === undefined) {
      throw new TypeError('createChatClient needs a token or a getToken function');
    }
    this.#fixed = options.token;
    this.#getToken = options.getToken;
  }

  get canRefresh(): boolean {
    return this.#getToken !== undefined;
  }

  current(): Promise<string> {
    this.#current ??= this.#fetch();
    return this.#current;
  }

  /** Drops the cached token and gets a new one. */
  refresh(): Promise<string> {
    if (!this.#getToken) {
      return Promise.reject(
        new ChatError(
          'unauthenticated',
          'the token was refused and there is no getToken to renew it',
        ),
      );
    }
    this.#current = this.#fetch();
    return this.#current;
  }

  async #fetch(): Promise<string> {
    if (!this.#getToken) return this.#fixed as string;
    try {
      const token = await this.#getToken();
      if (typeof token !== 'string' || token === '')
        throw new TypeError('getToken returned no token');
      return token;
    } catch (error) {
      // Forget the failure, so the next attempt asks again.
      this.#current = undefined;
      throw new ChatError('unauthenticated', 'unable to get a token: getToken failed', {
        cause: error,
      });
    }
  }
}
