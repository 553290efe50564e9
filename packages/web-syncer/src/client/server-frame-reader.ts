import { ProtocolError } from '../errors/protocol-error.js';
import type { ServerFrame } from '../protocol/wire-frames.js';

const TYPES = new Set(['subscribed', 'events', 'resync', 'error', 'pong']);

/** Parse a frame from the server; throws `ProtocolError` (`bad_frame`) when unreadable. @internal */
export function readServerFrame(data: unknown): ServerFrame {
  if (typeof data !== 'string')
    throw new ProtocolError('bad_frame', 'The server sent a non-text frame.');
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    throw new ProtocolError('bad_frame', 'The server sent a frame that is not JSON.');
  }
  const type =
    typeof frame === 'object' && frame !== null ? (frame as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !TYPES.has(type))
    throw new ProtocolError('unknown_type', `Unknown server frame type ${String(type)}.`);
  if (type === 'events' && !Array.isArray((frame as { events?: unknown }).events))
    throw new ProtocolError('bad_frame', 'An events frame without events.');
  return frame as ServerFrame;
}
