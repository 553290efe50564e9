import { ModelError, type Env } from '@bindery/model';
import type { BinderComponent } from '../typed-components.js';
import { InvalidDataError } from '../errors/invalid-data-error.js';
import { ChildCommands } from '../mapper/child-commands.js';
import type { MappedValues } from '../mapper/mapper-types.js';
import { one2manyOwner } from '../mapper/one2many-owner.js';

/** Mapped values split between the local record, the binding and child lines. */
export interface SplitValues {
  readonly local: MappedValues;
  readonly binding: MappedValues;
  readonly children: readonly (readonly [toAttr: string, commands: ChildCommands])[];
}

/**
 * Split mapped values: fields of the binding model go to the binding (its own data), child
 * commands aside, the rest (`id` included) to the local record; every value goes to the binding
 * of a direct binding, which has no local record.
 */
export function splitValues(binder: BinderComponent, values: MappedValues): SplitValues {
  const bindingFields = binder.bindingModel.fields;
  const direct = !bindingFields.has(binder.recordField);
  const local: MappedValues = {};
  const binding: MappedValues = {};
  const children: [string, ChildCommands][] = [];
  for (const [key, value] of Object.entries(values)) {
    if (ChildCommands.isInstance(value)) children.push([key, value]);
    else if (direct || (bindingFields.has(key) && key !== binder.recordField && key !== 'id')) {
      binding[key] = value;
    } else local[key] = value;
  }
  return { local, binding, children };
}

/** What applying child commands needs. */
export interface ChildWriteContext {
  /** An env with `connectorNoExport`. */
  readonly env: Env;
  /** The parent's binder. */
  readonly binder: BinderComponent;
  /** The binder of a line binding model (for lines created with an external id). */
  readonly binderFor: (model: string) => BinderComponent;
}

/** Apply child commands of `toAttr` for a parent binding: deletes, updates, then creations. */
export async function writeChildren(
  context: ChildWriteContext,
  parent: Readonly<Record<string, unknown>>,
  toAttr: string,
  commands: ChildCommands,
): Promise<void> {
  const { env, binder } = context;
  const owner = one2manyOwner(env, binder.modelName, binder.recordField, toAttr, parent);
  const lines = env.model(owner.lineModel);
  const parentLink = { [owner.inverse]: owner.parentId };
  if (commands.delete.length > 0) await lines.unlink(commands.delete);
  for (const line of commands.update) await lines.write(line.id, { ...line.values, ...parentLink });
  const plain = commands.create.filter(
    (line) => line.externalId === undefined || commands.bindingModel === undefined,
  );
  if (plain.length > 0)
    await lines.create(plain.map((line) => ({ ...line.values, ...parentLink })));
  for (const line of commands.create) {
    if (line.externalId === undefined || commands.bindingModel === undefined) continue;
    const created = await lines.create({ ...line.values, ...parentLink });
    const lineBinder = context.binderFor(commands.bindingModel);
    await lineBinder.createBinding(created.id, {
      [lineBinder.externalField]: lineBinder.normalizeExternalId(line.externalId),
      [lineBinder.syncDateField]: new Date(),
    });
  }
}

/**
 * The error an import reports for a failure of the data layer: bad values, unknown fields and
 * constraint violations become {@link InvalidDataError} (the retryable errors and everything
 * else are returned unchanged).
 */
export function importDataError(
  model: string,
  externalId: string | undefined,
  error: unknown,
): unknown {
  if (!ModelError.isInstance(error)) return error;
  const field = (error as { field?: unknown }).field;
  return new InvalidDataError({
    model,
    externalId,
    field: typeof field === 'string' ? field : undefined,
    reason: error.message,
    cause: error,
  });
}
