import type { SyncNotification } from '../protocol/notification.js';

/**
 * Model name → the record type its notifications carry, for typed callbacks. Augment it:
 *
 * ```ts
 * declare module '@bindery/web-syncer/client' {
 *   interface SyncedRecords {
 *     'project.task': { id: number; name: string; stage_id: readonly [number, string] | false };
 *   }
 * }
 * ```
 */
export interface SyncedRecords {}

/** The model of a channel `<db>:<model>`. */
export type ChannelModel<TChannel extends string> = TChannel extends `${string}:${infer TModel}`
  ? TModel
  : string;

/** The `data` of notifications of a channel: fields of the record (a write carries some). */
export type ChannelData<TChannel extends string> =
  ChannelModel<TChannel> extends keyof SyncedRecords
    ? Partial<SyncedRecords[ChannelModel<TChannel>]>
    : Readonly<Record<string, unknown>>;

/** The notification type of a channel. */
export type ChannelNotification<TChannel extends string> = SyncNotification<ChannelData<TChannel>>;
