import { ProtocolError } from '../errors/protocol-error.js';
import { isCursor } from '../protocol/cursor.js';
import type { ClientFrame } from '../protocol/wire-frames.js';

const MAX_CHANNEL_LENGTH = 256;

/**
 * Parse and validate a frame from a client. Throws {@link ProtocolError} with the code of the
 * error frame to answer (`bad_frame`, `unknown_type`, `bad_cursor`, `too_many_channels`).
 * @internal
 */
export function parseClientFrame(data: string, maxChannels: number): ClientFrame {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new ProtocolError('bad_frame', 'The frame is not JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError('bad_frame', 'A frame must be a JSON object with a "type".');
  }
  const frame = value as Record<string, unknown>;
  switch (frame['type']) {
    case 'ping':
      return { type: 'ping' };
    case 'subscribe':
      return parseSubscribe(frame, maxChannels);
    default:
      throw new ProtocolError(
        'unknown_type',
        `Unknown frame type ${JSON.stringify(frame['type']) ?? 'undefined'}.`,
      );
  }
}

function parseSubscribe(frame: Record<string, unknown>, maxChannels: number): ClientFrame {
  const channels = frame['channels'];
  if (
    !Array.isArray(channels) ||
    !channels.every((c) => typeof c === 'string' && c.length > 0 && c.length <= MAX_CHANNEL_LENGTH)
  ) {
    throw new ProtocolError(
      'bad_frame',
      `"channels" must be a list of non-empty strings of at most ${MAX_CHANNEL_LENGTH} characters.`,
    );
  }
  const unique = [...new Set<string>(channels)];
  if (unique.length > maxChannels) {
    throw new ProtocolError(
      'too_many_channels',
      `At most ${maxChannels} channels per connection (got ${unique.length}).`,
    );
  }
  const cursor = frame['cursor'];
  if (cursor !== undefined && cursor !== null && !isCursor(cursor)) {
    throw new ProtocolError(
      'bad_cursor',
      `Invalid cursor ${JSON.stringify(cursor) ?? ''}: expected "<seq>" or "<seq>:<id>".`,
    );
  }
  return { type: 'subscribe', channels: unique, cursor: cursor ?? null };
}
