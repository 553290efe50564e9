import WebSocket from 'ws';
import type { ServerFrame } from '../protocol/wire-frames.js';

/** A bare `ws` client that records frames and the close, to send anything at the server. */
export interface RawClient {
  readonly socket: WebSocket;
  readonly frames: ServerFrame[];
  /** Close code and reason once closed. */
  readonly closed: { code?: number; reason?: string };
  send(data: string | object): void;
  close(): void;
}

/** Open a raw connection (rejects when the upgrade is refused, with the HTTP status in the message). */
export async function rawClient(
  url: string,
  options: WebSocket.ClientOptions = {},
): Promise<RawClient> {
  const socket = new WebSocket(url, options);
  const frames: ServerFrame[] = [];
  const closed: { code?: number; reason?: string } = {};
  socket.on('message', (data: Buffer) =>
    frames.push(JSON.parse(data.toString('utf8')) as ServerFrame),
  );
  socket.on('close', (code, reason) => {
    closed.code = code;
    closed.reason = reason.toString('utf8');
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode ?? 0}`)),
    );
    socket.once('error', reject);
  });
  return {
    socket,
    frames,
    closed,
    send: (data) => socket.send(typeof data === 'string' ? data : JSON.stringify(data)),
    close: () => socket.close(),
  };
}
