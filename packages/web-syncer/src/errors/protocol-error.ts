import type { WireErrorCode } from '../protocol/wire-error-code.js';
import { WebSyncerError } from './web-syncer-error.js';

/**
 * A frame broke the wire protocol (malformed JSON, unknown type, a field of the wrong type, too
 * many channels...). The server answers it with an `error` frame carrying {@link code}; the
 * client raises it when the server sends something it cannot read.
 */
export class ProtocolError extends WebSyncerError {
  /** The code sent in the `error` frame. */
  readonly code: WireErrorCode;

  constructor(code: WireErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
