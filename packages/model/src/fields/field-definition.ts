/** The kinds of fields a model can have. */
export type FieldType =
  | 'id'
  | 'text'
  | 'integer'
  | 'numeric'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'json'
  | 'many2one'
  | 'one2many'
  | 'many2many';

/** What happens to rows pointing at a deleted many2one target (the FK's `ON DELETE`). */
export type OnDelete = 'restrict' | 'cascade' | 'set null';

/** A field of a model. Its key in the model's `fields` is its column name. */
export interface FieldDefinition {
  readonly type: FieldType;
  /** A value is required on create, and `null` is refused on write. */
  readonly required: boolean;
  /** Human label. */
  readonly label: string | undefined;
  /** many2one / one2many / many2many: the related model. */
  readonly target: string | undefined;
  /** one2many: the many2one field of `target` that points back. */
  readonly inverse: string | undefined;
  /** many2many: the relation table and its two columns (this side, other side). */
  readonly relation:
    | { readonly table: string; readonly column1: string; readonly column2: string }
    | undefined;
  /** many2one: documented ON DELETE of the foreign key (the migration creates it). */
  readonly onDelete: OnDelete | undefined;
}

/** Options common to every field. */
export interface FieldOptions {
  readonly required?: boolean;
  readonly label?: string;
}

function make(
  type: FieldType,
  options: FieldOptions = {},
  extra: Partial<FieldDefinition> = {},
): FieldDefinition {
  return Object.freeze({
    type,
    required: options.required ?? false,
    label: options.label,
    target: undefined,
    inverse: undefined,
    relation: undefined,
    onDelete: undefined,
    ...extra,
  });
}

/** True for fields stored in the model's own table (everything but one2many / many2many). */
export function isStoredField(definition: FieldDefinition): boolean {
  return definition.type !== 'one2many' && definition.type !== 'many2many';
}

/**
 * Field builders for {@link defineModel}.
 *
 * @example
 * ```ts
 * fields: {
 *   name: field.text({ required: true }),
 *   amount_total: field.numeric(),
 *   partner_id: field.many2one('res.partner', { onDelete: 'restrict' }),
 *   line_ids: field.one2many('sale.order.line', 'order_id'),
 * }
 * ```
 */
export const field = {
  /** Text (`text` / `varchar`): a string. */
  text: (options?: FieldOptions) => make('text', options),
  /** Integer (`integer` / `bigint`): a safe integer or a bigint. */
  integer: (options?: FieldOptions) => make('integer', options),
  /** Decimal (`numeric`): written as a decimal string (numbers are converted), read as a string. */
  numeric: (options?: FieldOptions) => make('numeric', options),
  /** Boolean. */
  boolean: (options?: FieldOptions) => make('boolean', options),
  /** Date (`date`): `'YYYY-MM-DD'` or a `Date` (its UTC day). */
  date: (options?: FieldOptions) => make('date', options),
  /** Timestamp (`timestamptz`): a `Date` or an ISO 8601 string. */
  datetime: (options?: FieldOptions) => make('datetime', options),
  /** JSON (`jsonb`): any JSON-serialisable value. */
  json: (options?: FieldOptions) => make('json', options),
  /** Reference to one record of `target` (an id column with a foreign key). */
  many2one: (target: string, options: FieldOptions & { readonly onDelete?: OnDelete } = {}) =>
    make('many2one', options, { target, onDelete: options.onDelete }),
  /** The records of `target` whose many2one `inverse` points here (not a column). */
  one2many: (target: string, inverse: string, options?: FieldOptions) =>
    make('one2many', options, { target, inverse }),
  /** Records of `target` linked through a relation table (not a column). */
  many2many: (
    target: string,
    relation: { readonly table: string; readonly column1: string; readonly column2: string },
    options?: FieldOptions,
  ) => make('many2many', options, { target, relation: Object.freeze({ ...relation }) }),
} as const;

/** @internal The implicit primary key of every model. */
export const ID_FIELD: FieldDefinition = make('id', { label: 'ID' });
