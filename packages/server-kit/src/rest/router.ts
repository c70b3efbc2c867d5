import { isUtf8 } from 'node:buffer';
import { type AckResult, ChatError, type RestRequestName, restRoutes } from '@banter/core/protocol';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import { originGuard } from '../auth/origin';
import { bearerToken, verifyToken } from '../auth/verify-token';
import { httpStatusOf, toErrorPayload } from '../errors';
import { RateLimiter } from '../limits/token-bucket';
import type { Bans } from '../moderation/bans';
import { admitRequest } from '../operations/admit';
import { type OperationTable, type RestCaller, runOperation } from '../operations/table';
import { payloadLimitsOf, type ResolvedOptions } from '../options';
import { parseQuery, queryToPayload } from './query-payload';

/**
 * The REST twin of the socket protocol, for clients whose socket cannot
 * connect: one route per entry of core's `restRoutes`, each running the same
 * operation as the socket event of that name, after the same admission check.
 * It only answers its own routes: anything else falls through to the host's
 * routes untouched. Bodies are `{ ok, data }` or `{ ok, error }`, the same
 * shape as socket acks.
 */
export function createRestRouter(
  operations: OperationTable,
  options: ResolvedOptions,
  bans: Bans,
  /** Routes outside the operation table (push), mounted behind the same checks and error mapping. */
  mountExtra?: (router: Router, middleware: RequestHandler[]) => void,
): Router {
  const router = express.Router();
  const limiter = new RateLimiter(options.limits.requestRate);
  const payloadLimits = payloadLimitsOf(options);

  // Public: load balancers and orchestrators probe it without a token.
  router.get('/health', async (_req, res) => {
    try {
      await options.storage.ping();
      res.json({ ok: true, data: { storage: 'up' } });
    } catch {
      res.status(503).json({
        ok: false,
        error: new ChatError('unavailable', 'storage is unreachable').toPayload(),
      });
    }
  });

  const checkOrigin = originGuard(options.allowedOrigins, options.logger);
  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    try {
      checkOrigin(req.headers.origin, 'call the chat API');
      const token = bearerToken(req.headers.authorization);
      if (!token)
        throw new ChatError(
          'unauthenticated',
          'unable to authenticate: send Authorization: Bearer <token>',
        );
      const user = await verifyToken(
        options.authenticate,
        token,
        { transport: 'rest', headers: req.headers },
        options.logger,
      );
      // Read from the shared store on every request, so a ban made on any node counts at once.
      await bans.assertNotBanned(user.userId);
      const decision = limiter.take(user.userId);
      if (!decision.allowed) {
        throw new ChatError('rate_limited', 'too many requests', {
          retryAfterMs: decision.retryAfterMs,
        });
      }
      res.locals.banterUserId = user.userId;
      next();
    } catch (error) {
      next(error);
    }
  };
  // The parser only cuts off bodies far beyond the limit (as the socket's transport does with
  // frames); the limit itself is checked by admission, on the parsed payload, like the socket's.
  const parseJson = express.json({
    limit: options.limits.maxPayloadBytes * 4,
    verify: (_req, _res, body, encoding) => {
      // Decoding would turn bytes that are not UTF-8 into U+FFFD: refuse them instead.
      if (/^utf-?8$/i.test(encoding) && !isUtf8(body)) throw new InvalidUtf8Body();
    },
  });

  for (const [name, route] of Object.entries(restRoutes) as [
    RestRequestName,
    (typeof restRoutes)[RestRequestName],
  ][]) {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
    router[method](route.path, authenticate, parseJson, async (req, res, next) => {
      try {
        const fromClient =
          route.method === 'GET' ? queryToPayload(parseQuery(rawQuery(req.url))) : req.body;
        if (
          fromClient !== undefined &&
          (typeof fromClient !== 'object' || fromClient === null || Array.isArray(fromClient))
        ) {
          throw new ChatError(
            'bad_request',
            `invalid ${name} payload: the body must be a JSON object`,
          );
        }
        // Path parameters win over body fields of the same name.
        const payload = { ...(fromClient ?? {}), ...req.params };
        const input = admitRequest(name, payload, payloadLimits);
        const caller: RestCaller = { transport: 'rest', userId: res.locals.banterUserId as string };
        const data = await runOperation(operations, name, caller, input);
        const created = isCreation(data);
        const body: AckResult<unknown> = { ok: true, data };
        res.status(created ? 201 : 200).json(body);
      } catch (error) {
        next(error);
      }
    });
  }

  mountExtra?.(router, [authenticate, parseJson]);

  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const payload = toErrorPayload(fromBodyParser(error), options.logger, 'REST route');
    if (payload.retryAfterMs !== undefined)
      res.setHeader('Retry-After', Math.ceil(payload.retryAfterMs / 1000));
    if (payload.code === 'unauthenticated' || payload.code === 'token_expired') {
      // RFC 6750: name an error only when a token was presented.
      const presented = bearerToken(req.headers.authorization) !== null;
      res.setHeader('WWW-Authenticate', presented ? 'Bearer error="invalid_token"' : 'Bearer');
    }
    res.status(httpStatusOf[payload.code]).json({ ok: false, error: payload });
  });

  return router;
}

/** A send or a conversation that was stored by this request (not an earlier one) answers 201. */
function isCreation(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'created' in data && data.created === true;
}

class InvalidUtf8Body extends Error {}

function rawQuery(url: string): string {
  const start = url.indexOf('?');
  return start === -1 ? '' : url.slice(start + 1);
}

/** Maps body-parser's and the router's errors (malformed JSON, body too large, bad path escapes) to typed ones. */
function fromBodyParser(error: unknown): unknown {
  if (error instanceof ChatError) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.verify.failed' || error instanceof InvalidUtf8Body) {
    return new ChatError('bad_request', 'request body is not valid UTF-8');
  }
  if (type === 'entity.too.large')
    return new ChatError('payload_too_large', 'request body is too large');
  if (type === 'entity.parse.failed')
    return new ChatError('bad_request', 'request body is not valid JSON');
  if (typeof type === 'string' && type.startsWith('encoding.')) {
    return new ChatError('bad_request', 'request body encoding is not supported');
  }
  // The router refuses a path whose %-escapes do not decode, with status 400.
  if ((error as { status?: unknown } | null)?.status === 400 && type === undefined) {
    return new ChatError('bad_request', 'request path is not valid percent-encoded UTF-8');
  }
  return error;
}
