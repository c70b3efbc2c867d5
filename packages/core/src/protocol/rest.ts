import type { RequestName } from './events';

/** The HTTP methods of the REST routes. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Where one request is served over REST. */
export interface RestRoute {
  /** GET carries the payload in the query string, the others in a JSON body. */
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
  /** Lists the caller's conversations. */
  'conversation:list': {
    /** Fields not in the path go in the query string. */
    method: 'GET',
    /** No path parameters. */
    path: '/conversations',
  },
  /** Reads one conversation. */
  'conversation:get': {
    /** Fields not in the path go in the query string. */
    method: 'GET',
    /** Parameter `conversationId` from the payload. */
    path: '/conversations/:conversationId',
  },
  /** Creates a conversation: 201 when created, 200 when it already existed. */
  'conversation:create': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** No path parameters. */
    path: '/conversations',
  },
  /** The group owner adds people. */
  'conversation:addParticipants': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** Parameter `conversationId` from the payload. */
    path: '/conversations/:conversationId/participants',
  },
  /** The group owner removes someone. */
  'conversation:removeParticipant': {
    /** Every field is in the path. */
    method: 'DELETE',
    /** Parameters `conversationId`, `userId` from the payload. */
    path: '/conversations/:conversationId/participants/:userId',
  },
  /** The caller leaves a group; no body needed. */
  'conversation:leave': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** Parameter `conversationId` from the payload. */
    path: '/conversations/:conversationId/leave',
  },
  /** Sets the caller's archived flag. */
  'conversation:archive': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** Parameter `conversationId` from the payload. */
    path: '/conversations/:conversationId/archive',
  },
  /** Sets the caller's muted flag. */
  'conversation:mute': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** Parameter `conversationId` from the payload. */
    path: '/conversations/:conversationId/mute',
  },
  /** Sends a message: 201 when stored, 200 for a `clientId` stored before. */
  'message:send': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** Parameter `conversationId` from the payload. */
    path: '/conversations/:conversationId/messages',
  },
  /** Replaces the text of the caller's message. */
  'message:edit': {
    /** Fields not in the path go in a JSON body. */
    method: 'PATCH',
    /** Parameters `conversationId`, `messageId` from the payload. */
    path: '/conversations/:conversationId/messages/:messageId',
  },
  /** Soft-deletes the caller's message; no body needed. */
  'message:delete': {
    /** Every field is in the path. */
    method: 'DELETE',
    /** Parameters `conversationId`, `messageId` from the payload. */
    path: '/conversations/:conversationId/messages/:messageId',
  },
  /** Reads one page of history. */
  'message:list': {
    /** Fields not in the path go in the query string. */
    method: 'GET',
    /** Parameter `conversationId` from the payload. */
    path: '/conversations/:conversationId/messages',
  },
  /** Reads the change feed after a change counter. */
  'message:changes': {
    /** Fields not in the path go in the query string. */
    method: 'GET',
    /** Parameter `conversationId` from the payload. */
    path: '/conversations/:conversationId/changes',
  },
  /** Adds the caller's reaction; `emoji` in the body. */
  'reaction:add': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** Parameters `conversationId`, `messageId` from the payload. */
    path: '/conversations/:conversationId/messages/:messageId/reactions',
  },
  /** Removes the caller's reaction; `:emoji` percent-encoded. */
  'reaction:remove': {
    /** Every field is in the path. */
    method: 'DELETE',
    /** Parameters `conversationId`, `messageId`, `emoji` from the payload. */
    path: '/conversations/:conversationId/messages/:messageId/reactions/:emoji',
  },
  /** Marks messages read up to `seq`. */
  'receipt:read': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** Parameter `conversationId` from the payload. */
    path: '/conversations/:conversationId/read',
  },
  /** Marks messages delivered up to `seq`. */
  'receipt:delivered': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** Parameter `conversationId` from the payload. */
    path: '/conversations/:conversationId/delivered',
  },
  /** Reads presence; `userIds` comma-separated. */
  'presence:get': {
    /** Fields not in the path go in the query string. */
    method: 'GET',
    /** No path parameters. */
    path: '/presence',
  },
  /** Reads profiles; `userIds` comma-separated. */
  'user:get': {
    /** Fields not in the path go in the query string. */
    method: 'GET',
    /** No path parameters. */
    path: '/users',
  },
  /** Searches users. */
  'user:search': {
    /** Fields not in the path go in the query string. */
    method: 'GET',
    /** No path parameters. */
    path: '/users/search',
  },
  /** Blocks a user; no body needed. */
  'user:block': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** Parameter `userId` from the payload. */
    path: '/blocks/:userId',
  },
  /** Unblocks a user. */
  'user:unblock': {
    /** Every field is in the path. */
    method: 'DELETE',
    /** Parameter `userId` from the payload. */
    path: '/blocks/:userId',
  },
  /** Lists the users the caller blocks. */
  'user:blocks': {
    /** No fields. */
    method: 'GET',
    /** No path parameters. */
    path: '/blocks',
  },
  /** Searches messages; `query`, `conversationId`, `cursor` and `limit` in the query string. */
  'message:search': {
    /** Fields not in the path go in the query string. */
    method: 'GET',
    /** No path parameters: a search may span conversations. */
    path: '/messages/search',
  },
  /** Reports a message to the host; `reason` in the body. */
  'message:report': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** Parameters `conversationId`, `messageId` from the payload. */
    path: '/conversations/:conversationId/messages/:messageId/report',
  },
  /** Asks to upload a file to a conversation: 201 when created, 200 for a `clientId` used before. */
  'upload:create': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** Parameter `conversationId` from the payload. */
    path: '/conversations/:conversationId/uploads',
  },
  /** Checks the bytes of an upload after its PUT; no body needed. */
  'upload:complete': {
    /** Fields not in the path go in a JSON body. */
    method: 'POST',
    /** Parameter `uploadId` from the payload. */
    path: '/uploads/:uploadId/complete',
  },
  /** Deletes an upload no message uses yet. */
  'upload:cancel': {
    /** Every field is in the path. */
    method: 'DELETE',
    /** Parameter `uploadId` from the payload. */
    path: '/uploads/:uploadId',
  },
  /** Signed URLs to read files; `uploadIds` comma-separated. */
  'upload:urls': {
    /** Fields not in the path go in the query string. */
    method: 'GET',
    /** Parameter `conversationId` from the payload. */
    path: '/conversations/:conversationId/upload-urls',
  },
} as const satisfies Partial<Record<RequestName, RestRoute>>;

/**
 * The routes that carry file bytes rather than JSON, relative to the REST
 * prefix. Clients never build these: `upload:create` and `upload:urls` answer
 * them signed (`?expires=<unix ms>&signature=<hex>`). Listed for servers and
 * for readers of the protocol.
 */
export const uploadByteRoutes = {
  /** Where the disk store takes an upload's bytes: `PUT`, the body is the file. */
  content: '/uploads/:uploadId/content',
  /** The file: inline for raster images, a download otherwise (`GET`). */
  file: '/uploads/:uploadId/file',
  /** The thumbnail of a raster image (`GET`, WebP). */
  thumbnail: '/uploads/:uploadId/thumbnail',
} as const;

/** A request that has a REST route: every one but `typing:set` and `auth:refresh`. */
export type RestRequestName = keyof typeof restRoutes;
