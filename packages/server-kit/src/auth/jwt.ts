import { ChatError, idProblem } from '@banter/core/protocol';
import {
  type CryptoKey,
  createRemoteJWKSet,
  errors,
  importSPKI,
  type JWTVerifyGetKey,
  jwtVerify,
  type KeyInput,
  type KeyObject,
} from 'jose';
import type { Authenticate } from './authenticate';

/** How `createJwtAuthenticator` verifies tokens: one key source, an algorithm allow-list, and the claims to require. */
export interface JwtAuthenticatorOptions {
  /** Shared secret for HS256/384/512. Give exactly one of `secret`, `publicKey`, `jwksUrl`. */
  secret?: string | Uint8Array;
  /** Public key for RS*, PS*, ES* or EdDSA; a PEM string is imported with `algorithms[0]`. */
  publicKey?: CryptoKey | KeyObject | string;
  /** The issuer's JWKS endpoint; keys are fetched, cached and rotated by `jose`. */
  jwksUrl?: string | URL;
  /** Signing algorithms to accept, e.g. `['RS256']`. Required: the token's own `alg` is never trusted. */
  algorithms: string[];
  /** The `iss` a token must carry (one of these). Default: not checked. */
  issuer?: string | string[];
  /** The `aud` a token must carry (one of these). Default: not checked. */
  audience?: string | string[];
  /** Allowed clock skew for `exp`, `nbf` and `iat`. Default 5. */
  clockToleranceSec?: number;
  /** Claim holding the user id. Default `'sub'`. */
  userIdClaim?: string;
  /** Refuse tokens without `exp`. Default true: a token that never expires cannot be revoked by waiting. */
  requireExpiry?: boolean;
}

type VerificationKey = KeyInput | JWTVerifyGetKey | Promise<KeyInput>;

/**
 * An `authenticate` hook that verifies a JWT and reads the user id from one of its claims.
 *
 * @example
 * const authenticate = createJwtAuthenticator({
 *   jwksUrl: 'https://id.example.com/.well-known/jwks.json',
 *   algorithms: ['RS256'],
 *   audience: 'chat',
 * });
 */
export function createJwtAuthenticator(options: JwtAuthenticatorOptions): Authenticate {
  const algorithms = checkAlgorithms(options.algorithms);
  const key = resolveKey(options, algorithms);
  const clockTolerance = options.clockToleranceSec ?? 5;
  if (!Number.isFinite(clockTolerance) || clockTolerance < 0) {
    throw new TypeError('clockToleranceSec must be a non-negative number');
  }
  const userIdClaim = options.userIdClaim ?? 'sub';
  const requiredClaims = options.requireExpiry === false ? [] : ['exp'];

  return async (token) => {
    // Awaited outside the try: a PEM that fails to import is a configuration fault the host
    // should see in its logs, not a refusal of this user's token.
    const resolvedKey = await key;
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, resolvedKey, {
        algorithms,
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance,
        requiredClaims,
      }));
    } catch (error) {
      throw toChatError(error);
    }
    // A token issued in the future was made with a wrong clock or forged to outlive its keys.
    const iat = payload.iat;
    if (typeof iat === 'number' && iat > Date.now() / 1000 + clockTolerance) {
      throw new ChatError(
        'unauthenticated',
        'unable to authenticate: token was issued in the future',
      );
    }
    const userId = payload[userIdClaim];
    // The id rule of payloads (input-rules.ts): never trimmed or repaired, so two distinct
    // claims can never name one user.
    if (typeof userId !== 'string' || idProblem(userId) !== null) {
      throw new ChatError(
        'unauthenticated',
        `unable to authenticate: token "${userIdClaim}" claim is missing or not a valid user id`,
      );
    }
    const exp = payload.exp;
    return { userId, expiresAt: typeof exp === 'number' ? new Date(exp * 1000) : null };
  };
}

function checkAlgorithms(algorithms: string[]): string[] {
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    throw new TypeError('algorithms must list at least one signing algorithm');
  }
  if (algorithms.some((alg) => alg.toLowerCase() === 'none')) {
    throw new TypeError('algorithms must not include "none": unsigned tokens prove nothing');
  }
  return [...algorithms];
}

function resolveKey(options: JwtAuthenticatorOptions, algorithms: string[]): VerificationKey {
  const { secret, publicKey, jwksUrl } = options;
  const given = [secret, publicKey, jwksUrl].filter((source) => source !== undefined).length;
  if (given !== 1) {
    throw new TypeError('give exactly one of secret, publicKey or jwksUrl');
  }
  // Mixing HMAC and public-key algorithms is how algorithm-confusion attacks start
  // (a public key reused as an HMAC secret), so each key source gets only its own family.
  const hmac = algorithms.filter((alg) => /^HS\d+$/i.test(alg));
  if (secret !== undefined) {
    if (hmac.length !== algorithms.length) {
      throw new TypeError('a secret can only verify HS256, HS384 or HS512');
    }
    const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
    if (bytes.length === 0) throw new TypeError('secret must not be empty');
    return bytes;
  }
  if (hmac.length > 0) {
    throw new TypeError('HS* algorithms need a secret, not a public key or JWKS');
  }
  if (jwksUrl !== undefined) return createRemoteJWKSet(new URL(jwksUrl));
  if (typeof publicKey === 'string') {
    const imported = importSPKI(publicKey, algorithms[0] as string);
    // Marked handled here; each verification awaits it again and so still sees the failure.
    imported.catch(() => {});
    return imported;
  }
  return publicKey as CryptoKey | KeyObject;
}

function toChatError(error: unknown): ChatError {
  // The key server being down says nothing about the token: retry, do not ask for a new one.
  if (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    !(error instanceof errors.JOSEError)
  ) {
    return new ChatError(
      'unavailable',
      'unable to authenticate: signing keys could not be fetched',
      {
        cause: error,
      },
    );
  }
  if (error instanceof errors.JWTExpired) {
    return new ChatError('token_expired', 'unable to authenticate: token expired', {
      cause: error,
    });
  }
  return new ChatError('unauthenticated', `unable to authenticate: ${refusalReason(error)}`, {
    cause: error,
  });
}

function refusalReason(error: unknown): string {
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `token has no "${error.claim}" claim`;
    if (error.claim === 'iss') return 'token issuer is not accepted';
    if (error.claim === 'aud') return 'token audience is not accepted';
    if (error.claim === 'nbf' && error.reason === 'check_failed') return 'token is not yet valid';
    return `token "${error.claim}" claim is invalid`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'token algorithm is not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no known key matches the token';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return 'token is malformed';
  }
  return 'token could not be verified';
}
