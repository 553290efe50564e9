import {
  defineModel,
  field,
  type FieldDefinition,
  type ModelDefinition,
  type OnDelete,
} from '@bindery/model';

/** Options of {@link defineBindingModel}. */
export interface BindingModelDeclaration {
  /** The binding model, e.g. `'shop.product.binding'`: the model connector components `applyOn`. */
  readonly name: string;
  /** @defaultValue the name with dots replaced by underscores */
  readonly table?: string;
  /** The backend model, e.g. `'shop.backend'`. */
  readonly backend: string;
  /**
   * The local model the binding points to (`record_id`), e.g. `'product.product'`. Omit it for a
   * "direct" binding that carries the data itself.
   */
  readonly model?: string;
  /** What deleting the local record does to its bindings. @defaultValue 'cascade' */
  readonly recordOnDelete?: OnDelete;
  /** The binding's own fields (backend-specific data). */
  readonly fields?: Readonly<Record<string, FieldDefinition>>;
  readonly description?: string;
}

/**
 * Declare a binding model (upstream `external.binding` + `_inherits`): rows of their own with
 * `backend_id`, `external_id` (text), `record_id` (the local record), `sync_date` and extra
 * fields. Create its table with {@link createBindingTable}, which adds the unique constraints.
 *
 * @example
 * ```ts
 * export const ProductBinding = defineBindingModel({
 *   name: 'shop.product.binding',
 *   backend: 'shop.backend',
 *   model: 'product.product',
 *   fields: { shop_updated_at: field.datetime() },
 * });
 * ```
 */
export function defineBindingModel(declaration: BindingModelDeclaration): ModelDefinition {
  const fields: Record<string, FieldDefinition> = {
    backend_id: field.many2one(declaration.backend, {
      required: true,
      onDelete: 'restrict',
      label: 'Backend',
    }),
    external_id: field.text({ label: 'External ID' }),
  };
  if (declaration.model !== undefined) {
    fields['record_id'] = field.many2one(declaration.model, {
      required: true,
      onDelete: declaration.recordOnDelete ?? 'cascade',
      label: 'Record',
    });
  }
  fields['sync_date'] = field.datetime({ label: 'Last synchronization date' });
  return defineModel({
    name: declaration.name,
    table: declaration.table,
    description: declaration.description,
    fields: { ...fields, ...declaration.fields },
  });
}
