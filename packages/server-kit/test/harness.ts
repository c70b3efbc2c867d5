// Server-kit's test harness in one import: a server on loopback, tokens, raw sockets.
export { type RestAnswer, restCall } from './rest-call';
export {
  type ClientSocket,
  collect,
  connected,
  directBetween,
  disconnection,
  nextEvent,
  ok,
  openSocket,
  request,
  settle,
  uniqueUsers,
} from './sockets';
export {
  type ConnectOptions,
  startExtraServer,
  startServer,
  type TestServer,
  type TestServerOptions,
  useTestServer,
} from './test-server';
export { signToken, type TokenOptions, testJwtSecret } from './tokens';
