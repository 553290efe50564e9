import type { FieldDefinition } from './fields/field-definition.js';

const marker = Symbol.for('@bindery/model.definition');

/** Flags and metadata a model (or an extension of it) can set. */
export interface ModelFlags {
  /** The field used as the record's display name (Odoo's `_rec_name`). @defaultValue `'name'` when the model has one */
  readonly recordName?: string;
  /** The model produces live create/write/unlink notifications (`@bindery/web-syncer`). */
  readonly implementsSyncer?: boolean;
  /** Notifications of this model carry every field, not only the written ones. */
  readonly syncEntire?: boolean;
  readonly description?: string;
}

/** Declaration of a new model. */
export interface ModelDeclaration extends ModelFlags {
  /** Dotted model name, e.g. `'sale.order'`. */
  readonly name: string;
  /** Table name. @defaultValue the name with dots replaced by underscores */
  readonly table?: string;
  /** Fields by column name (the `id` primary key is implicit). */
  readonly fields: Readonly<Record<string, FieldDefinition>>;
}

/** A model declaration or extension, as listed in an addon's `models`. */
export interface ModelDefinition {
  readonly kind: 'define' | 'extend';
  readonly name: string;
  readonly table: string | undefined;
  readonly fields: Readonly<Record<string, FieldDefinition>>;
  readonly flags: ModelFlags;
}

/** True for values made by {@link defineModel} / {@link extendModel}. */
export function isModelDefinition(value: unknown): value is ModelDefinition {
  return typeof value === 'object' && value !== null && marker in value;
}

function make(
  kind: ModelDefinition['kind'],
  name: string,
  table: string | undefined,
  fields: ModelDeclaration['fields'],
  flags: ModelFlags,
): ModelDefinition {
  return Object.freeze({
    [marker]: true,
    kind,
    name,
    table,
    fields: Object.freeze({ ...fields }),
    flags: Object.freeze({ ...flags }),
  });
}

/**
 * Declare a model: its name, table and fields. List it in an addon's `models`.
 *
 * @example
 * ```ts
 * export const SaleOrder = defineModel({
 *   name: 'sale.order',
 *   fields: { name: field.text({ required: true }), partner_id: field.many2one('res.partner') },
 *   implementsSyncer: true,
 * });
 * ```
 */
export function defineModel(declaration: ModelDeclaration): ModelDefinition {
  const { name, table, fields, ...flags } = declaration;
  return make('define', name, table, fields, flags);
}

/**
 * Add fields (and change flags) of a model another addon defines, like Odoo's `_inherit`. The
 * addon also ships the migration that adds the columns.
 */
export function extendModel(
  name: string,
  extension: ModelFlags & { readonly fields?: ModelDeclaration['fields'] },
): ModelDefinition {
  const { fields, ...flags } = extension;
  return make('extend', name, undefined, fields ?? {}, flags);
}
