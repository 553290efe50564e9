import { defineComponent, type ComponentDefinition } from '@bindery/component';
import { MappingError } from '../errors/mapping-error.js';
import { BaseMapper, type MapperComponent } from './base-mapper.js';
import { isBindingModel } from './binding-model-check.js';
import { m2oToExternal } from './m2o-to-external-modifier.js';
import type { DirectSource, MaybePromise, SourceRecord } from './mapper-types.js';
import { isEmpty } from './source-values.js';

/** The instance type of {@link ExportMapper}. */
export interface ExportMapperComponent extends MapperComponent {
  /** Source fields whose direct mapping converts a binding id to its external id, by field. */
  implicitRelations: Map<string, boolean>;
}

/**
 * `'base.export.mapper'` (usage `export.mapper`, abstract): maps a local record (the exporter
 * passes the binding merged with its local record) to the backend's payload. A direct mapping by
 * name requires the key (`MappingError` `unknown-field` when missing); a source field that is a
 * many2one to a **binding model** gets the binding's external id, as with `m2oToExternal(field)`.
 * Children use `'export.map.child'` components, else `'base.map.child.export'`.
 */
export const ExportMapper: ComponentDefinition<ExportMapperComponent> = defineComponent(
  { name: 'base.export.mapper', inherit: BaseMapper, usage: 'export.mapper', abstract: true },
  (Base) =>
    class extends Base {
      override mapChildUsage: string | undefined = 'export.map.child';
      override mapChildFallback: string | undefined = 'base.map.child.export';
      implicitRelations = new Map<string, boolean>();

      override mapDirect(
        record: SourceRecord,
        from: DirectSource,
        toAttr: string,
      ): MaybePromise<unknown> {
        if (typeof from !== 'string') return from.apply(this, record, toAttr);
        if (!Object.hasOwn(record, from)) {
          throw new MappingError({
            code: 'unknown-field',
            model: this.modelName,
            field: from,
            message: `${this.modelName}: the record to export has no field '${from}' (mapped to '${toAttr}').`,
          });
        }
        const value = record[from];
        if (isEmpty(value)) return null;
        if (this.isImplicitRelation(from)) return m2oToExternal(from).apply(this, record, toAttr);
        return value;
      }

      /** True when `from` is a many2one to a binding model (cached per mapper). */
      isImplicitRelation(from: string): boolean {
        let known = this.implicitRelations.get(from);
        if (known === undefined) {
          const definition = this.fieldDefinition(from);
          known = definition?.type === 'many2one' && isBindingModel(this.env, definition.target);
          this.implicitRelations.set(from, known);
        }
        return known;
      }
    },
);
