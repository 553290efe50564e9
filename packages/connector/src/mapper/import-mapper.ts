import { defineComponent, type ComponentDefinition } from '@bindery/component';
import { BaseMapper, type MapperComponent } from './base-mapper.js';
import { isBindingModel } from './binding-model-check.js';
import { externalToM2o } from './external-to-m2o-modifier.js';
import type { DirectSource, MaybePromise, SourceRecord } from './mapper-types.js';
import { isEmpty } from './source-values.js';

/** The instance type of {@link ImportMapper}. */
export interface ImportMapperComponent extends MapperComponent {
  /** Target fields whose direct mapping converts an external id to a binding id, by field. */
  implicitRelations: Map<string, boolean>;
}

/**
 * `'base.import.mapper'` (usage `import.mapper`, abstract): maps an external payload to local
 * values. A direct mapping by name reads the key (a missing key is an empty value: `null`); a
 * target field that is a many2one to a **binding model** gets the external id converted to the
 * binding's id, as with `externalToM2o(field)`. Children use `'import.map.child'` components,
 * else `'base.map.child.import'`.
 */
export const ImportMapper: ComponentDefinition<ImportMapperComponent> = defineComponent(
  { name: 'base.import.mapper', inherit: BaseMapper, usage: 'import.mapper', abstract: true },
  (Base) =>
    class extends Base {
      override mapChildUsage: string | undefined = 'import.map.child';
      override mapChildFallback: string | undefined = 'base.map.child.import';
      implicitRelations = new Map<string, boolean>();

      override mapDirect(
        record: SourceRecord,
        from: DirectSource,
        toAttr: string,
      ): MaybePromise<unknown> {
        if (typeof from !== 'string') return from.apply(this, record, toAttr);
        const value = Object.hasOwn(record, from) ? record[from] : undefined;
        if (isEmpty(value)) return null;
        if (this.isImplicitRelation(toAttr)) return externalToM2o(from).apply(this, record, toAttr);
        return value;
      }

      /** True when `toAttr` is a many2one to a binding model (cached per mapper). */
      isImplicitRelation(toAttr: string): boolean {
        let known = this.implicitRelations.get(toAttr);
        if (known === undefined) {
          const definition = this.fieldDefinition(toAttr);
          known = definition?.type === 'many2one' && isBindingModel(this.env, definition.target);
          this.implicitRelations.set(toAttr, known);
        }
        return known;
      }
    },
);
