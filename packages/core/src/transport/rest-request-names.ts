import type { RestRequestName } from '../protocol';

/**
 * The requests REST serves, by name: the keys of `restRoutes`, listed here so
 * the client can tell which requests have a REST fallback without the route
 * table, which loads with the REST client (see rest-machinery.ts). The type
 * below fails `tsc` when a route is added or removed and this list is not.
 */
const restRequestNames = [
  'conversation:list',
  'conversation:get',
  'conversation:create',
  'conversation:addParticipants',
  'conversation:removeParticipant',
  'conversation:leave',
  'conversation:archive',
  'conversation:mute',
  'message:send',
  'message:edit',
  'message:delete',
  'message:list',
  'message:changes',
  'reaction:add',
  'reaction:remove',
  'receipt:read',
  'receipt:delivered',
  'presence:get',
  'user:get',
  'user:search',
  'user:block',
  'user:unblock',
  'user:blocks',
  'message:search',
  'message:report',
  'upload:create',
  'upload:complete',
  'upload:cancel',
  'upload:urls',
] as const satisfies readonly RestRequestName[];

// Every REST route is listed: a missing one makes this `false`, which is not `true`.
type Unlisted = Exclude<RestRequestName, (typeof restRequestNames)[number]>;
const everyRouteListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyRouteListed;

const names: ReadonlySet<string> = new Set(restRequestNames);

/** Whether `name` has a REST route (a key of `restRoutes`). */
export function isRestRequest(name: string): name is RestRequestName {
  return names.has(name);
}
