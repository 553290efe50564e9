import type { FieldDefinition } from './fields/field-definition.js';

/** A model as its registry resolved it: every definition and extension merged. */
export interface ResolvedModel {
  readonly name: string;
  readonly table: string;
  /** Every field, `id` first, in declaration order (extensions after). */
  readonly fields: ReadonlyMap<string, FieldDefinition>;
  /** Fields stored in the table (not one2many / many2many), `id` included. */
  readonly columns: readonly string[];
  readonly recordName: string | undefined;
  readonly implementsSyncer: boolean;
  readonly syncEntire: boolean;
  readonly description: string | undefined;
  /** Addons that defined or extended the model, in order. */
  readonly addons: readonly string[];
}
