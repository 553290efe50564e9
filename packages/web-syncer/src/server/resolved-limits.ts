import { SyncerOptionsError } from '../errors/syncer-options-error.js';
import type { WebSyncerLimits } from './server-options.js';

/** {@link WebSyncerLimits} with every default applied. @internal */
export type ResolvedLimits = Required<WebSyncerLimits>;

const DEFAULTS: ResolvedLimits = {
  maxFrameBytes: 65_536,
  maxChannels: 100,
  maxEventBytes: 262_144,
  rateBurst: 10,
  ratePerSecond: 5,
  maxRefusedFrames: 50,
  maxProtocolErrors: 20,
  maxBufferedBytes: 8_388_608,
  maxConnections: 10_000,
};

/** Apply defaults and check that every limit is a positive number. @internal */
export function resolveLimits(limits: WebSyncerLimits = {}): ResolvedLimits {
  const resolved = { ...DEFAULTS, ...withoutUndefined(limits) };
  for (const [key, value] of Object.entries(resolved)) {
    if (typeof value !== 'number' || !(value > 0))
      throw new SyncerOptionsError(`limits.${key}`, 'a positive number');
  }
  return resolved;
}

function withoutUndefined(limits: WebSyncerLimits): WebSyncerLimits {
  return Object.fromEntries(
    Object.entries(limits).filter(([, value]) => value !== undefined),
  ) as WebSyncerLimits;
}
