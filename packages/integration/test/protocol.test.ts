import { socketIoTransport } from '@banter/core';
import { createMemoryServer, type MemoryServer } from '@banter/core/testing';
import { signToken } from '@banter/server-kit/test/harness';
import { beforeEach } from 'vitest';
import { ProtocolPeer } from '../src/protocol-peer';
import { describeProtocol, type ProtocolTarget } from '../src/protocol-suite';
import { useChatServer } from '../src/server';

// server-kit: one server (and one PGlite) for the file; every test gets users of its own.
const server = useChatServer();
let testNumber = 0;
beforeEach(() => {
  testNumber += 1;
});
const user = (name: string) => `${name}-t${testNumber}`;
const serverKit: ProtocolTarget = {
  async connect(name) {
    const socket = socketIoTransport({
      url: server.url,
      namespace: '/banter',
      restPath: null,
      transports: ['websocket'],
      connectTimeoutMs: 10_000,
    }).createSocket();
    const userId = user(name);
    return new ProtocolPeer(userId, socket).open(await signToken(userId));
  },
  idOf: (name) => user(name),
};
describeProtocol('server-kit over loopback Socket.IO', () => serverKit);

// The in-memory server: a fresh one for every test.
let memory: MemoryServer;
beforeEach(() => {
  memory = createMemoryServer();
});
const inMemory: ProtocolTarget = {
  connect: (name) => new ProtocolPeer(name, memory.transport().createSocket()).open(name),
  idOf: (name) => name,
};
describeProtocol('the in-memory server of @banter/core/testing', () => inMemory);
