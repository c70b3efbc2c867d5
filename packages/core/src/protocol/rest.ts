import type { RequestName } from './events';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RestRoute {
  method: HttpMethod;
  /** Relative to the host's mount prefix; `:name` segments come from the payload. */
  path: string;
}

/**
 * The REST twin of each socket request. Path parameters and (for GET) the query
 * string carry the payload fields; other methods carry them as a JSON body.
 * `auth:refresh` and `typing:set` are socket-only: REST is stateless and typing
 * is not worth a request.
 */
export const restRoutes = {
  'conversation:list': { method: 'GET', path: '/conversations' },
  'conversation:get': { method: 'GET', path: '/conversations/:conversationId' },
  'conversation:create': { method: 'POST', path: '/conversations' },
  'conversation:addParticipants': {
    method: 'POST',
    path: '/conversations/:conversationId/participants',
  },
  'conversation:removeParticipant': {
    method: 'DELETE',
    path: '/conversations/:conversationId/participants/:userId',
  },
  'conversation:leave': { method: 'POST', path: '/conversations/:conversationId/leave' },
  'conversation:archive': { method: 'POST', path: '/conversations/:conversationId/archive' },
  'conversation:mute': { method: 'POST', path: '/conversations/:conversationId/mute' },
  'message:send': { method: 'POST', path: '/conversations/:conversationId/messages' },
  'message:edit': {
    method: 'PATCH',
    path: '/conversations/:conversationId/messages/:messageId',
  },
  'message:delete': {
    method: 'DELETE',
    path: '/conversations/:conversationId/messages/:messageId',
  },
  'message:list': { method: 'GET', path: '/conversations/:conversationId/messages' },
  'message:changes': { method: 'GET', path: '/conversations/:conversationId/changes' },
  'reaction:add': {
    method: 'POST',
    path: '/conversations/:conversationId/messages/:messageId/reactions',
  },
  'reaction:remove': {
    method: 'DELETE',
    path: '/conversations/:conversationId/messages/:messageId/reactions/:emoji',
  },
  'receipt:read': { method: 'POST', path: '/conversations/:conversationId/read' },
  'receipt:delivered': { method: 'POST', path: '/conversations/:conversationId/delivered' },
  'presence:get': { method: 'GET', path: '/presence' },
  'user:get': { method: 'GET', path: '/users' },
  'user:search': { method: 'GET', path: '/users/search' },
} as const satisfies Partial<Record<RequestName, RestRoute>>;

export type RestRequestName = keyof typeof restRoutes;
