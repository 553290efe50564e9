/**
 * WebSocket close codes the server uses (the 4xxx ones are Odoo's, kept for parity).
 * Clients reconnect after every code except {@link CLOSE_CODES.unauthorized}.
 */
export const CLOSE_CODES = Object.freeze({
  /** The server is shutting down: reconnect (with backoff) to another process. */
  goingAway: 1001,
  /** Repeated protocol violations or a flood of frames. */
  policyViolation: 1008,
  /** An inbound frame larger than `maxFrameBytes` (sent by `ws` itself). */
  messageTooBig: 1009,
  /** The server failed while handling the connection. */
  internalError: 1011,
  /** The client reads too slowly (its send buffer passed `maxBufferedBytes`): reconnect and catch up. */
  tryAgainLater: 1013,
  /** The session is no longer valid (`validateSession` said so): the client must authenticate again. */
  sessionExpired: 4001,
  /** Keep-alive recycle after `maxConnectionAgeMs`: reconnect at once. */
  keepAliveRecycle: 4002,
  /** The client sent no pong in time. */
  heartbeatTimeout: 4003,
} as const);

/** One of {@link CLOSE_CODES}. */
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
