import { UnknownFieldError } from './errors/unknown-field-error.js';
import { FieldValueError } from './errors/field-value-error.js';
import { toColumnValue } from './fields/field-value.js';
import type { ResolvedModel } from './resolved-model.js';

/** Column values ready for the driver, plus the field names the caller gave (for events). */
export interface PreparedValues {
  readonly row: Record<string, unknown>;
  readonly fields: readonly string[];
}

const requiredByModel = new WeakMap<ResolvedModel, readonly string[]>();

/** The required fields of a model, computed once. */
function requiredFields(model: ResolvedModel): readonly string[] {
  let required = requiredByModel.get(model);
  if (required === undefined) {
    required = [...model.fields]
      .filter(([, definition]) => definition.required)
      .map(([name]) => name);
    requiredByModel.set(model, required);
  }
  return required;
}

/**
 * Validate and convert the values of a create (`forCreate`: required fields must be present) or
 * a write (`id` cannot be written). Keys with `undefined` values are ignored.
 */
export function prepareValues(
  model: ResolvedModel,
  values: object,
  forCreate: boolean,
): PreparedValues {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new FieldValueError(model.name, '*', values, 'an object of field values');
  }
  const row: Record<string, unknown> = {};
  const fields: string[] = [];
  for (const name in values) {
    if (!Object.hasOwn(values, name)) continue;
    const value: unknown = (values as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const definition = model.fields.get(name);
    if (definition === undefined) throw new UnknownFieldError(model.name, name);
    if (definition.type === 'id' && !forCreate) {
      throw new FieldValueError(
        model.name,
        name,
        value,
        'no value: the id of a record cannot be written',
      );
    }
    row[name] = toColumnValue(model.name, name, definition, value);
    fields.push(name);
  }
  if (forCreate) {
    for (const name of requiredFields(model)) {
      if (row[name] === undefined) {
        throw new FieldValueError(model.name, name, undefined, 'a value (the field is required)');
      }
    }
  }
  return { row, fields };
}

/** Check that every name is a field of the model. */
export function assertFields(model: ResolvedModel, names: Iterable<string>): void {
  for (const name of names)
    if (!model.fields.has(name)) throw new UnknownFieldError(model.name, name);
}
