import { defineComponent, type Component, type ComponentDefinition } from '@bindery/component';
import type { EventRecord, RecordChangeInfo } from '@bindery/component-event';
import type { Env, RecordId } from '@bindery/model';
import { recordEvent, writeEvents, type PushContext } from '../capture/outbox-writer.js';
import {
  satelliteEvents,
  type RecordRow,
  type SatelliteOptions,
} from '../capture/satellite-notifier.js';
import { syncModelsOf } from '../capture/sync-models.js';
import type { SyncModelInfo } from '../capture/sync-model-info.js';
import { transactionMemory } from '../capture/transaction-memory.js';
import type { SyncMethod } from '../protocol/notification.js';

/** The name of the web-syncer's record-event listener. */
export const WEB_SYNCER_LISTENER = 'web.syncer.listener';

/** The instance type of {@link WebSyncerListener}. */
export interface WebSyncerListenerComponent extends Component {
  onRecordCreate(record: EventRecord, info: RecordChangeInfo): Promise<void>;
  onRecordWrite(record: EventRecord, info: RecordChangeInfo): Promise<void>;
  onRecordUnlink(record: EventRecord): Promise<void>;
}

interface Target {
  readonly context: PushContext;
  readonly info: SyncModelInfo;
}

function targetOf(env: Env, modelName: string): Target | undefined {
  // Cached per registry: a WeakMap lookup; models with nothing to sync stop here, before any SQL.
  const models = syncModelsOf(env.models, env.components.addons);
  const info = models.get(modelName);
  return info === undefined ? undefined : { context: { env, models }, info };
}

function rememberParents(target: Target, row: RecordRow): void {
  const { info, context } = target;
  if (info.inverseFields.length === 0) return;
  const values: Record<string, unknown> = {};
  for (const name of info.inverseFields) values[name] = row[name];
  transactionMemory.remember(context.env.db, info.model.name, row['id'] as RecordId, values);
}

/**
 * The record as it was before the write, as far as satellites need it: the current row with the
 * previous values of the written fields over it — from the data layer (`change.previous`, read in
 * the UPDATE itself) when it gives them, else what this transaction saw of the parent pointers.
 * Fields that were not written kept their value, so a `res_id` + `res_model` child moved by
 * writing only one of the two still names its old parent. `undefined` when nothing is known.
 */
function previousOf(
  target: Target,
  row: RecordRow,
  change: RecordChangeInfo,
): RecordRow | undefined {
  const known =
    change.previous ??
    transactionMemory.recall(target.context.env.db, target.info.model.name, row['id'] as RecordId);
  return known === undefined ? undefined : { ...row, ...known };
}

/**
 * The outbox rows of one event: the record's own notification (syncable models) and its parents'
 * indirect writes, in one statement when they cannot collide.
 */
async function push(
  target: Target,
  record: RecordRow,
  method: SyncMethod,
  fields: readonly string[],
  options: SatelliteOptions,
): Promise<void> {
  const { context, info } = target;
  const sources = satelliteEvents(context, info, record, options);
  if (info.syncable) sources.unshift(recordEvent(context, info, record, method, fields));
  await writeEvents(context, sources, info.singleStatement);
}

/**
 * `'web.syncer.listener'`: writes the outbox rows of record events, inside the business
 * transaction. Syncable models (`implementsSyncer`) get their own create / write / unlink
 * notification; parents with a one2many or many2many on the model get indirect writes.
 *
 * It applies to every model (the models are the app's); models with nothing to sync return at
 * once. Narrow it to some models with
 * `extendComponent('web.syncer.listener', { applyOn: [...] }, (Base) => Base)`, so writes of the
 * other models are not wrapped in a transaction for it.
 */
export const WebSyncerListener: ComponentDefinition<WebSyncerListenerComponent> = defineComponent(
  { name: WEB_SYNCER_LISTENER, inherit: 'base.event.listener' },
  (Base) =>
    class WebSyncerListener extends Base implements WebSyncerListenerComponent {
      async onRecordCreate(record: EventRecord, change: RecordChangeInfo): Promise<void> {
        const target = targetOf(this.env, this.modelName);
        if (target === undefined) return;
        await push(target, record, 'create', change.fields, {});
        rememberParents(target, record);
      }

      async onRecordWrite(record: EventRecord, change: RecordChangeInfo): Promise<void> {
        const target = targetOf(this.env, this.modelName);
        if (target === undefined) return;
        const previous =
          target.info.inverseFields.length === 0 ? undefined : previousOf(target, record, change);
        await push(target, record, 'write', change.fields, { previous });
        rememberParents(target, record);
      }

      async onRecordUnlink(record: EventRecord): Promise<void> {
        const target = targetOf(this.env, this.modelName);
        if (target === undefined) return;
        await push(target, record, 'unlink', [], { deleting: true });
        transactionMemory.forget(
          target.context.env.db,
          target.info.model.name,
          record.id as RecordId,
        );
      }
    },
);
