import { defineComponent, type ComponentDefinition } from '@bindery/component';
import type { RecordId } from '@bindery/model';
import type { BindingRow, ExternalIdInput } from '../binding/binding-row.js';
import type { MapperComponent } from './base-mapper.js';
import { ChildCommands, type ChildCreate, type ChildUpdate } from './child-commands.js';
import { ImportMapChild } from './import-map-child.js';
import type { ChildItemsContext, MapChildComponent } from './map-child.js';
import type { MapRecord } from './map-record.js';
import type { MappedValues } from './mapper-types.js';
import { one2manyOwner } from './one2many-owner.js';
import { isEmpty } from './source-values.js';

/** The instance type of {@link SyncImportMapChild}. */
export interface SyncImportMapChildComponent extends MapChildComponent {
  /** The external id of an item (default: its `id` key); items without one are always created. */
  itemExternalId(mapRecord: MapRecord): ExternalIdInput | undefined;
  /** The bound lines of the parent being updated, by external id. */
  existingLines(context: ChildItemsContext): Promise<Map<string, BindingRow>>;
}

/**
 * `'base.map.child.import.sync'` (abstract, opt-in): a binder-aware import strategy for lines
 * that have bindings of their own. The item model is the **line binding model**; declare a
 * concrete map child inheriting this one with `applyOn` that model (usage `import.map.child`).
 * On an update of the parent, items whose external id is bound to a line of this backend update
 * that line; others create a line and its binding; bound lines of the parent that are absent
 * from the payload are deleted. Lines without a binding of this backend (created locally) are
 * left alone. Item values go to the local line.
 */
export const SyncImportMapChild: ComponentDefinition<SyncImportMapChildComponent> = defineComponent(
  { name: 'base.map.child.import.sync', inherit: ImportMapChild, abstract: true },
  (Base) =>
    class extends Base {
      itemExternalId(mapRecord: MapRecord): ExternalIdInput | undefined {
        const id = mapRecord.source['id'];
        return typeof id === 'string' || typeof id === 'number' || typeof id === 'bigint'
          ? id
          : undefined;
      }

      async existingLines(context: ChildItemsContext): Promise<Map<string, BindingRow>> {
        const parent = context.options.binding;
        const found = new Map<string, BindingRow>();
        if (parent === undefined) return found;
        const parentMapper = context.parent.mapper as unknown as MapperComponent;
        const owner = one2manyOwner(
          this.env,
          parentMapper.modelName,
          parentMapper.localRecordField,
          context.toAttr,
          parent,
        );
        if (owner.parentId === undefined || owner.parentId === null) return found;
        const binder = this.binderFor();
        const lines = await this.env
          .model(owner.lineModel)
          .search({ [owner.inverse]: owner.parentId });
        if (lines.length === 0) return found;
        const bindings = await this.env.model(this.modelName).search((eb) =>
          eb.and([
            eb(`record.${binder.backendField}`, '=', this.backendRecord.id),
            eb(
              `record.${binder.recordField}`,
              'in',
              lines.map((line) => line.id),
            ),
          ]),
        );
        for (const row of bindings) {
          const externalId = row[binder.externalField];
          if (!isEmpty(externalId)) found.set(externalId as string, row as BindingRow);
        }
        return found;
      }

      override async formatItems(
        itemsValues: MappedValues[],
        context: ChildItemsContext,
      ): Promise<unknown> {
        const existing = await this.existingLines(context);
        const binder = this.binderFor();
        const create: ChildCreate[] = [];
        const update: ChildUpdate[] = [];
        const kept = new Set<RecordId>();
        for (const [index, values] of itemsValues.entries()) {
          const raw = this.itemExternalId(context.records[index] as MapRecord);
          const externalId = raw === undefined ? undefined : binder.normalizeExternalId(raw);
          const line = externalId === undefined ? undefined : existing.get(externalId);
          if (line === undefined) {
            create.push({ values, externalId });
            continue;
          }
          const recordId = line[binder.recordField] as RecordId;
          kept.add(recordId);
          update.push({ id: recordId, values });
        }
        const remove = [...existing.values()]
          .map((line) => line[binder.recordField] as RecordId)
          .filter((id) => !kept.has(id));
        return new ChildCommands({ create, update, delete: remove, bindingModel: this.modelName });
      }
    },
);
