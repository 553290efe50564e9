import type { Env, FieldDefinition } from '@bindery/model';
import type { BindingRow } from '../binding/binding-row.js';
import type { BinderComponent } from '../typed-components.js';

/** A record a mapper reads: an external payload (import) or a local record view (export). */
export type SourceRecord = Readonly<Record<string, unknown>>;

/** What a mapper produces: field values for the target. */
export type MappedValues = Record<string, unknown>;

/** A value, or a promise of it: mappings and modifiers may be synchronous or not. */
export type MaybePromise<TValue> = TValue | Promise<TValue>;

/**
 * Options of one `values()` call (upstream `MapOptions`): `forCreate`, `fields`, plus any
 * custom option a caller passes (read them as `this.options['myOption']`, or augment this
 * interface to type them). A missing option reads `undefined`.
 */
export interface MapOptions {
  /** The values are for a creation: `onlyCreate` mappings run. */
  readonly forCreate?: boolean;
  /** Only the mappings whose source fields (or `changedBy`) are among these run. */
  readonly fields?: readonly string[];
  /** The binding being updated (set by the importer on updates). */
  readonly binding?: BindingRow;
  readonly [option: string]: unknown;
}

/** What modifiers see of the mapper running them. */
export interface MapperContext {
  /** The model the mapper works on (a binding model, or an item model for children). */
  readonly modelName: string;
  readonly env: Env;
  /** The options of the `values()` call in progress. */
  readonly options: MapOptions;
  /** The binder of a model (default: the mapper's). */
  binderFor(modelName?: string): BinderComponent;
  /** A field of the mapper's model, or of the local model its bindings point to. */
  fieldDefinition(name: string): FieldDefinition | undefined;
}

/**
 * A modifier: an object that knows its source field and computes the value of a direct mapping
 * (upstream's closures over `field`). Wrappers propagate the source field of what they wrap, so
 * `fields` filtering and `changedByFields()` still work.
 */
export interface Modifier {
  /** The source field the value comes from (a dotted path for `followM2oRelations`). */
  readonly sourceField: string;
  /** What kind of modifier this is (`'convert'`, `'none'`...), for messages. */
  readonly kind: string;
  /** The value for `toAttr`, from `record`. */
  apply(mapper: MapperContext, record: SourceRecord, toAttr: string): MaybePromise<unknown>;
}

/** The source of a direct mapping: a field name, or a modifier. */
export type DirectSource = string | Modifier;

/** A direct mapping: `[source, targetField]`. */
export type DirectMapping = readonly [source: DirectSource, toAttr: string];

/** A child mapping: `[sourceField, targetField, itemModel]`. */
export type ChildMapping = readonly [from: string, toAttr: string, modelName: string];
