/**
 * The ceiling: a bare Socket.IO relay. A client joins a room by name, and a
 * send is broadcast to the room and acknowledged, with no authentication, no
 * validation and no storage. Messages and acks have Banter's shape, so both
 * servers write frames of the same size.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AckResult, Message, SendResult } from '@banter/core/protocol';
import { Server } from 'socket.io';
import { serveControl } from './server-control';

interface RelaySend {
  conversationId: string;
  clientId: string;
  body: string;
}

const http = createServer();
// Socket.IO's defaults (heartbeat, buffer size): the same engine settings Banter creates for itself.
const io = new Server(http);
const seqs = new Map<string, number>();

io.of('/banter').on('connection', (socket) => {
  const { userId } = socket.handshake.auth as { userId?: unknown };
  const senderId = typeof userId === 'string' ? userId : socket.id;
  socket.on('join', (room: string, ack: (result: AckResult<null>) => void) => {
    void socket.join(room);
    ack({ ok: true, data: null });
  });
  socket.on('message:send', (input: RelaySend, ack: (result: AckResult<SendResult>) => void) => {
    const seq = (seqs.get(input.conversationId) ?? 0) + 1;
    seqs.set(input.conversationId, seq);
    const message: Message = {
      id: crypto.randomUUID(),
      conversationId: input.conversationId,
      seq,
      senderId,
      clientId: input.clientId,
      kind: 'text',
      body: input.body,
      attachments: [],
      replyTo: null,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
      reactions: [],
      // Only inserts happen here, so each one is its conversation's next change, like its seq.
      change: seq,
    };
    // Banter's order: the room (sender included) first, then the ack.
    socket.nsp.to(input.conversationId).emit('message:new', message);
    ack({ ok: true, data: { message, created: true } });
  });
});

http.listen(0, '127.0.0.1', () => {
  serveControl((http.address() as AddressInfo).port, async () => {
    io.disconnectSockets(true);
    await new Promise((resolve) => io.close(resolve));
  });
});
