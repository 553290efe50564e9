/**
 * The channel of a model: `db + ":" + model`, as in the original (`generate_channel_name`),
 * without its precedence bug.
 */
export function channelName(db: string, model: string): string {
  return `${db}:${model}`;
}

/** The database and model of a channel; `undefined` unless it is `<db>:<model>` with both parts non-empty. */
export function parseChannel(
  channel: string,
): { readonly db: string; readonly model: string } | undefined {
  const colon = channel.lastIndexOf(':');
  if (colon <= 0 || colon === channel.length - 1) return undefined;
  return { db: channel.slice(0, colon), model: channel.slice(colon + 1) };
}
