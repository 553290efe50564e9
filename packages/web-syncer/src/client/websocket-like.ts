/** What a WebSocket event carries, as far as the client reads it. */
export interface WebSocketEventLike {
  /** The event name. */
  readonly type?: string;
  /** `message`: the frame. */
  readonly data?: unknown;
  /** `close`: the close code. */
  readonly code?: number;
  /** `close`: the reason. */
  readonly reason?: string;
}

/**
 * The part of the WHATWG `WebSocket` the client uses: browsers' and Node's (≥ 22) global, and
 * `ws`'s, all fit.
 */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(
    type: 'open' | 'message' | 'close' | 'error',
    listener: (event: WebSocketEventLike) => void,
  ): void;
}

/**
 * A WebSocket constructor: `globalThis.WebSocket`, or `WebSocket` from `ws` on older Node. It is
 * called as `new WebSocket(url)` or `new WebSocket(url, protocols)` (the parameters are left
 * open so that overloaded constructors such as `ws`'s fit).
 */
export type WebSocketConstructor = new (...args: never[]) => WebSocketLike;
