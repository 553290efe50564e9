import type { RecordId } from '@bindery/model';
import {
  manyToManyParentEvents,
  oneToManyParentEvents,
  writeEvents,
  type EventRows,
  type PushContext,
} from './outbox-writer.js';
import type { OneToManySatellite, SyncModelInfo } from './sync-model-info.js';

/** A record as record events carry it. @internal */
export type RecordRow = Readonly<Record<string, unknown>>;

/** Ids of the parents a child row points to through a satellite's inverse fields. */
function parentIds(satellite: OneToManySatellite, row: RecordRow | undefined): RecordId[] {
  if (row === undefined) return [];
  if (satellite.fake !== undefined && row[satellite.fake.modelField] !== satellite.parent.name)
    return [];
  const ids: RecordId[] = [];
  for (const inverse of satellite.inverses) {
    const value = row[inverse];
    if ((typeof value === 'number' || typeof value === 'string') && !ids.includes(value))
      ids.push(value);
  }
  return ids;
}

/** What the satellites of an event need to know besides the row. @internal */
export interface SatelliteOptions {
  /** The record before the write: its old parents are told too. */
  readonly previous?: RecordRow | undefined;
  /** The record is being deleted: it is left out of its parents' lists. */
  readonly deleting?: boolean;
}

/**
 * The rows telling the parents of a created, written or deleted child (st. 15, 17–21): current
 * parents get their current list of children (without the child when it is being deleted); on a
 * write, the parents the child had before (`previous`) get theirs too, so a moved record leaves
 * its old parent's list. Children of any model count, synced or not. @internal
 */
export function satelliteEvents(
  context: PushContext,
  info: SyncModelInfo,
  row: RecordRow,
  options: SatelliteOptions = {},
): EventRows[] {
  const id = row['id'] as RecordId;
  const excluded = options.deleting === true ? id : undefined;
  const sources: EventRows[] = [];
  for (const satellite of info.satellites) {
    if (satellite.kind === 'many2many') {
      sources.push(manyToManyParentEvents(context, satellite, id, excluded));
      continue;
    }
    const ids = parentIds(satellite, row);
    for (const old of parentIds(satellite, options.previous)) {
      if (!ids.some((current) => String(current) === String(old))) ids.push(old);
    }
    const rows = oneToManyParentEvents(context, satellite, info.model, ids, excluded);
    if (rows !== undefined) sources.push(rows);
  }
  return sources;
}

/** Write the {@link satelliteEvents} of a child. @internal */
export async function notifySatellites(
  context: PushContext,
  info: SyncModelInfo,
  row: RecordRow,
  options: SatelliteOptions = {},
): Promise<void> {
  await writeEvents(context, satelliteEvents(context, info, row, options), info.singleStatement);
}
