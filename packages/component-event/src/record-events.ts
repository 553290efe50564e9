import { collectEvents, type CollectEventsOptions } from './collect-events.js';
import type { EventRecord, RecordChangeInfo } from './events-by-name.js';

/**
 * Fire `onRecordCreate` for one created record, **after** the insert. A data layer calls it once
 * per created record, with the field names the caller gave for that record.
 */
export async function emitRecordCreate(
  context: CollectEventsOptions,
  record: EventRecord,
  fields: readonly string[],
): Promise<void> {
  await collectEvents(context, 'onRecordCreate').notify(record, changeInfo(fields));
}

/**
 * Fire `onRecordWrite` for each written record, **after** the update, one notify per record in
 * order. Every record gets the same frozen field list (the fields the caller wrote).
 */
export async function emitRecordWrite(
  context: CollectEventsOptions,
  records: Iterable<EventRecord>,
  fields: readonly string[],
): Promise<void> {
  const events = collectEvents(context, 'onRecordWrite');
  const info = changeInfo(fields);
  for (const record of records) await events.notify(record, info);
}

/**
 * Fire `onRecordUnlink` for each record, **before** the delete (listeners can still read the
 * record), one notify per record in order.
 */
export async function emitRecordUnlink(
  context: CollectEventsOptions,
  records: Iterable<EventRecord>,
): Promise<void> {
  const events = collectEvents(context, 'onRecordUnlink');
  for (const record of records) await events.notify(record);
}

function changeInfo(fields: readonly string[]): RecordChangeInfo {
  return Object.freeze({ fields: Object.freeze([...fields]) });
}
