import { ChatError } from '@banter/core/protocol';
import type { RequestHandler, Router } from 'express';
import type { Storage } from '../storage/storage';
import type { ResolvedPush } from './push-options';
import { parseEndpoint, parseSubscription } from './push-subscription-input';

/** What a subscription body may weigh: a real one is about 400 bytes. */
const maxBodyBytes = 4_096;

/**
 * The push routes, REST only (a browser subscribes from page code, next to its service worker):
 * - `GET /push/config` → `{ publicKey }` (null when push is off), for `pushManager.subscribe`;
 * - `POST /push/subscriptions` with `PushSubscription.toJSON()` → 201 `{ endpoint }`;
 * - `DELETE /push/subscriptions` with `{ endpoint }` → `{ removed }`.
 * They sit behind the same authentication, origin check, ban check and rate limit as the others.
 */
export function mountPushRoutes(
  router: Router,
  middleware: RequestHandler[],
  storage: Storage,
  push: ResolvedPush | null,
  now: () => Date,
) {
  const userOf = (locals: Record<string, unknown>) => locals.banterUserId as string;
  const enabled = () => {
    if (!push)
      throw new ChatError('not_found', 'push notifications are not enabled on this server');
    return push;
  };
  const checkSize = (body: unknown) => {
    if (Buffer.byteLength(JSON.stringify(body ?? null)) > maxBodyBytes)
      throw new ChatError('payload_too_large', 'push subscription body is too large');
  };

  router.get('/push/config', ...middleware, (_req, res) => {
    res.json({ ok: true, data: { publicKey: push?.vapid.publicKey ?? null } });
  });

  router.post('/push/subscriptions', ...middleware, async (req, res, next) => {
    try {
      const { maxSubscriptionsPerUser } = enabled();
      checkSize(req.body);
      const subscription = parseSubscription(req.body);
      if (!push?.endpointAllowed(new URL(subscription.endpoint)))
        throw new ChatError(
          'bad_request',
          'unable to save push subscription: endpoint is not a push service this server sends to',
        );
      const result = await storage.savePushSubscription({
        userId: userOf(res.locals),
        endpoint: subscription.endpoint,
        p256dh: subscription.keys.p256dh,
        auth: subscription.keys.auth,
        now: now(),
        maxPerUser: maxSubscriptionsPerUser,
      });
      if (result === 'full')
        throw new ChatError(
          'limit_reached',
          `unable to save push subscription: at most ${maxSubscriptionsPerUser} browsers per user; remove one first`,
        );
      res.status(201).json({ ok: true, data: { endpoint: subscription.endpoint } });
    } catch (error) {
      next(error);
    }
  });

  router.delete('/push/subscriptions', ...middleware, async (req, res, next) => {
    try {
      enabled();
      checkSize(req.body);
      const endpoint = parseEndpoint((req.body as { endpoint?: unknown } | undefined)?.endpoint);
      const removed = await storage.deletePushSubscription(userOf(res.locals), endpoint);
      res.json({ ok: true, data: { removed } });
    } catch (error) {
      next(error);
    }
  });
}
