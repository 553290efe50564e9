import { defineComponent, type Component, type ComponentDefinition } from '@bindery/component';
import type { EventRecord, RecordChangeInfo } from '@bindery/component-event';
import type { Env, RecordId } from '@bindery/model';
import { pushRecord, type PushContext } from '../capture/outbox-writer.js';
import { notifySatellites, type RecordRow } from '../capture/satellite-notifier.js';
import { syncModelsOf } from '../capture/sync-models.js';
import type { SyncModelInfo } from '../capture/sync-model-info.js';
import { transactionMemory } from '../capture/transaction-memory.js';

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

/** Values before the write: from the data layer when it gives them, else what this transaction saw. */
function previousOf(
  target: Target,
  row: RecordRow,
  change: RecordChangeInfo,
): RecordRow | undefined {
  const given = (change as { readonly previous?: RecordRow }).previous;
  if (given !== undefined) return given;
  return transactionMemory.recall(
    target.context.env.db,
    target.info.model.name,
    row['id'] as RecordId,
  );
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
        if (target.info.syncable)
          await pushRecord(target.context, target.info, record, 'create', change.fields);
        await notifySatellites(target.context, target.info, record);
        rememberParents(target, record);
      }

      async onRecordWrite(record: EventRecord, change: RecordChangeInfo): Promise<void> {
        const target = targetOf(this.env, this.modelName);
        if (target === undefined) return;
        if (target.info.syncable)
          await pushRecord(target.context, target.info, record, 'write', change.fields);
        await notifySatellites(target.context, target.info, record, {
          previous: previousOf(target, record, change),
        });
        rememberParents(target, record);
      }

      async onRecordUnlink(record: EventRecord): Promise<void> {
        const target = targetOf(this.env, this.modelName);
        if (target === undefined) return;
        if (target.info.syncable)
          await pushRecord(target.context, target.info, record, 'unlink', []);
        await notifySatellites(target.context, target.info, record, { deleting: true });
        transactionMemory.forget(
          target.context.env.db,
          target.info.model.name,
          record.id as RecordId,
        );
      }
    },
);
