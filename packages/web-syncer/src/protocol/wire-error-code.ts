/**
 * Codes of the server's `error` frames and of channel denials.
 *
 * - `bad_frame`: not JSON, not an object, or a field of the wrong type.
 * - `unknown_type`: a frame `type` the server does not know.
 * - `bad_cursor`: a cursor that is not `"<seq>"` / `"<seq>:<id>"`.
 * - `too_many_channels`: more channels than the server's `maxChannels`; the subscription is refused whole.
 * - `rate_limited`: frames arrive faster than the server's rate limit; the frame was dropped.
 * - `forbidden`: the authorizer refused the channel.
 * - `unknown_channel`: the channel is not `<this db>:<a syncable model>`.
 */
export type WireErrorCode =
  | 'bad_frame'
  | 'unknown_type'
  | 'bad_cursor'
  | 'too_many_channels'
  | 'rate_limited'
  | 'forbidden'
  | 'unknown_channel';
