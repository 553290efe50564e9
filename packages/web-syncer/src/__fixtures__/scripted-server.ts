import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientFrame, ServerFrame } from '../protocol/wire-frames.js';

/** One connection to the scripted server: what the client sent, and a way to answer. */
export interface ScriptedConnection {
  readonly socket: WebSocket;
  readonly frames: ClientFrame[];
  send(frame: ServerFrame | string): void;
  close(code: number, reason?: string): void;
}

/** A real WebSocket server driven by the test, to check the client's side of the protocol. */
export interface ScriptedServer {
  readonly url: string;
  readonly connections: ScriptedConnection[];
  /** Resolves with connection number `index` (0-based) once it exists. */
  connection(index: number): Promise<ScriptedConnection>;
  close(): Promise<void>;
}

export async function scriptedServer(): Promise<ScriptedServer> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const connections: ScriptedConnection[] = [];
  const waiters: (() => void)[] = [];
  wss.on('connection', (socket) => {
    const frames: ClientFrame[] = [];
    socket.on('message', (data: Buffer) =>
      frames.push(JSON.parse(data.toString('utf8')) as ClientFrame),
    );
    connections.push({
      socket,
      frames,
      send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
      close: (code, reason) => socket.close(code, reason),
    });
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    connections,
    async connection(index) {
      while (connections[index] === undefined)
        await new Promise<void>((resolve) => waiters.push(resolve));
      return connections[index];
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** An events frame with one event per `[cursor, channel, id]`. */
export function eventsFrame(events: readonly (readonly [string, string, number])[]): ServerFrame {
  return {
    type: 'events',
    events: events.map(([cursor, channel, id]) => ({
      cursor,
      channel,
      message: [
        ['db', channel.split(':')[1] ?? '', id],
        {
          method: 'write',
          data: { id },
          record_name: false,
          indirect: false,
          entire: false,
          user_id: { id: 1, name: null },
        },
      ],
    })),
  };
}
