import { ChatError } from '@banter/core/protocol';
import type { Logger } from '../logger';

/** Origins remembered as already logged: enough for any real misconfiguration, bounded against a flood. */
const loggedOriginsKept = 100;

/**
 * The page's origin against the host's allow-list, for the socket handshake
 * and the REST routes alike: a page the socket turns away must not chat over
 * REST instead, which would make a misconfiguration look like an outage.
 * Requests without an Origin (servers, native apps) are not pages: they pass.
 * The first refusal of each origin is logged, so the host sees it too.
 */
export function originGuard(allowed: ReadonlySet<string> | null, logger: Logger) {
  const logged = new Set<string>();
  return (origin: string | undefined, action: string) => {
    if (!allowed || origin === undefined || allowed.has(origin)) return;
    if (!logged.has(origin) && logged.size < loggedOriginsKept) {
      logged.add(origin);
      logger.warn(`refused a page at ${origin}: add it to allowedOrigins if it should chat`, {
        origin,
      });
    }
    throw new ChatError(
      'origin_not_allowed',
      `unable to ${action}: origin ${origin} is not allowed`,
    );
  };
}
