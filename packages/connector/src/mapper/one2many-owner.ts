import type { Env, FieldDefinition, RecordId } from '@bindery/model';
import { ConnectorConfigError } from '../errors/connector-config-error.js';

/** Where the lines of a one2many target field live, for one parent binding. */
export interface One2manyOwner {
  /** The model of the lines. */
  readonly lineModel: string;
  /** The lines' many2one back to the parent. */
  readonly inverse: string;
  /** The id the lines point to: the binding's local record, or the binding itself. */
  readonly parentId: RecordId | undefined;
}

/**
 * Resolve a one2many `toAttr` of a binding model (`bindingModel`) or of its local model: the
 * line model, the inverse field and, given the parent binding, the parent id the lines point to.
 * `ConnectorConfigError` when `toAttr` is not a one2many of either.
 */
export function one2manyOwner(
  env: Env,
  bindingModel: string,
  localRecordField: string,
  toAttr: string,
  parent: Readonly<Record<string, unknown>> | undefined,
): One2manyOwner {
  const binding = env.models.get(bindingModel);
  const own = binding.fields.get(toAttr);
  if (own !== undefined) return owner(own, bindingModel, toAttr, parent?.['id']);
  const local = binding.fields.get(localRecordField);
  const localModel = local?.type === 'many2one' ? local.target : undefined;
  const field =
    localModel === undefined ? undefined : env.models.get(localModel).fields.get(toAttr);
  return owner(field, bindingModel, toAttr, parent?.[localRecordField]);
}

function owner(
  field: FieldDefinition | undefined,
  model: string,
  toAttr: string,
  parentId: unknown,
): One2manyOwner {
  if (field?.type !== 'one2many' || field.target === undefined || field.inverse === undefined) {
    throw new ConnectorConfigError(
      'mapper',
      `Children of ${model} go to '${toAttr}', which must be a one2many field of the binding model or of its local model.`,
    );
  }
  return {
    lineModel: field.target,
    inverse: field.inverse,
    parentId: parentId as RecordId | undefined,
  };
}
