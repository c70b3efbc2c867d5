import {
  type AckResult,
  ChatError,
  type RequestResult,
  type RestRequestName,
  restRoutes,
} from '@banter/core/protocol';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { bearerToken, verifyToken } from '../auth/verify-token';
import type { ChatService } from '../chat/service';
import { httpStatusOf, toErrorPayload } from '../errors';
import { RateLimiter } from '../limits/token-bucket';
import type { ResolvedOptions } from '../options';
import { type ParsedInput, parseRequest } from '../validation';
import { queryToPayload } from './query-payload';

type RestHandlers = {
  [E in RestRequestName]: (userId: string, input: ParsedInput<E>) => Promise<RequestResult<E>>;
};

/**
 * The REST twin of the socket protocol, for clients whose socket cannot
 * connect. It only answers its own routes: anything else falls through to the
 * host's routes untouched. Bodies are `{ ok, data }` or `{ ok, error }`, the
 * same shape as socket acks.
 */
export function createRestRouter(service: ChatService, options: ResolvedOptions): Router {
  const router = express.Router();
  const limiter = new RateLimiter(options.limits.requestRate);
  const handlers: RestHandlers = {
    'conversation:list': (userId, input) => service.listConversations(userId, input),
    'conversation:get': (userId, input) => service.getConversation(userId, input.conversationId),
    'conversation:create': (userId, input) => service.createConversation(userId, input),
    'conversation:addParticipants': (userId, input) => service.addParticipants(userId, input),
    'conversation:removeParticipant': (userId, input) => service.removeParticipant(userId, input),
    'conversation:leave': (userId, input) => service.leave(userId, input.conversationId),
    'conversation:archive': (userId, input) =>
      service.setArchived(userId, input.conversationId, input.archived),
    'conversation:mute': (userId, input) =>
      service.setMuted(userId, input.conversationId, input.muted),
    'message:send': (userId, input) => service.sendMessage(userId, input),
    'message:edit': (userId, input) => service.editMessage(userId, input),
    'message:delete': (userId, input) => service.deleteMessage(userId, input),
    'message:list': (userId, input) => service.listMessages(userId, input),
    'receipt:read': (userId, input) => service.markWatermark(userId, 'read', input),
    'receipt:delivered': (userId, input) => service.markWatermark(userId, 'delivered', input),
    'presence:get': (userId, input) => service.getPresence(userId, input.userIds),
    'user:get': (_userId, input) => service.getUsers(input.userIds),
    'user:search': (userId, input) => service.searchUsers(userId, input),
  };

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

  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    try {
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
  const parseJson = express.json({ limit: options.limits.maxPayloadBytes });

  for (const [name, route] of Object.entries(restRoutes) as [
    RestRequestName,
    (typeof restRoutes)[RestRequestName],
  ][]) {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
    router[method](route.path, authenticate, parseJson, async (req, res, next) => {
      try {
        const fromClient =
          route.method === 'GET' ? queryToPayload(req.query as Record<string, unknown>) : req.body;
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
        const input = parseRequest(name, payload);
        const handler = handlers[name] as (userId: string, input: unknown) => Promise<unknown>;
        const data = await handler(res.locals.banterUserId as string, input);
        const created = isCreation(data);
        const body: AckResult<unknown> = { ok: true, data };
        res.status(created ? 201 : 200).json(body);
      } catch (error) {
        next(error);
      }
    });
  }

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

/** Maps body-parser's errors (malformed JSON, body too large) to typed ones. */
function fromBodyParser(error: unknown): unknown {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large')
    return new ChatError('payload_too_large', 'request body is too large');
  if (type === 'entity.parse.failed')
    return new ChatError('bad_request', 'request body is not valid JSON');
  if (typeof type === 'string' && type.startsWith('encoding.')) {
    return new ChatError('bad_request', 'request body encoding is not supported');
  }
  return error;
}
