import type { RecordId } from '@bindery/model';
import { retryUniqueViolation } from '../binding/binding-errors.js';
import type { BindingRow, ExternalId } from '../binding/binding-row.js';
import type { MappedValues } from '../mapper/mapper-types.js';
import type { RecordImporterComponent } from './generic-importer.js';
import { importDataError, splitValues, writeChildren, type SplitValues } from './import-values.js';

/**
 * Create the local record, its binding and child lines from mapped values, with
 * `connectorNoExport` (the importer's `create`). Data-layer errors become `InvalidDataError`.
 */
export async function createRecord(
  importer: RecordImporterComponent,
  data: MappedValues,
): Promise<BindingRow> {
  const { binder } = importer;
  const env = importer.env.withContext({ connectorNoExport: true });
  const split = splitValues(binder, data);
  try {
    const recordId = isDirect(importer)
      ? undefined
      : (await env.model(binder.unwrapModel()).create(split.local)).id;
    const binding = await binder.createBinding(recordId, split.binding);
    await writeAllChildren(importer, binding, split);
    return binding;
  } catch (error) {
    throw importDataError(importer.modelName, importer.externalId, error);
  }
}

/** Write mapped values on a binding's local record, the binding and child lines (the importer's `update`). */
export async function updateRecord(
  importer: RecordImporterComponent,
  binding: BindingRow,
  data: MappedValues,
): Promise<BindingRow> {
  const { binder } = importer;
  const env = importer.env.withContext({ connectorNoExport: true });
  const split = splitValues(binder, data);
  try {
    if (!isDirect(importer) && Object.keys(split.local).length > 0) {
      await env
        .model(binder.unwrapModel())
        .write(binding[binder.recordField] as RecordId, split.local);
    }
    let row = binding;
    if (Object.keys(split.binding).length > 0) {
      const [written] = await env.model(importer.modelName).write(binding.id, split.binding);
      row = written as BindingRow;
    }
    await writeAllChildren(importer, row, split);
    return row;
  } catch (error) {
    throw importDataError(importer.modelName, importer.externalId, error);
  }
}

/** One record to create in bulk. */
export interface BulkCreate {
  readonly externalId: ExternalId;
  readonly values: MappedValues;
}

/**
 * Create many records and their bindings in two statements (one per table), the bindings bound
 * at once (external id and sync date set on insert), then their child lines.
 */
export async function createRecords(
  importer: RecordImporterComponent,
  items: readonly BulkCreate[],
): Promise<BindingRow[]> {
  if (items.length === 0) return [];
  const { binder } = importer;
  const env = importer.env.withContext({ connectorNoExport: true });
  const splits = items.map((item) => splitValues(binder, item.values));
  try {
    const recordIds: (RecordId | undefined)[] = isDirect(importer)
      ? items.map(() => undefined)
      : (await env.model(binder.unwrapModel()).create(splits.map((split) => split.local))).map(
          (record) => record.id,
        );
    const now = new Date();
    const rows = splits.map((split, index) => {
      const row: Record<string, unknown> = {
        ...split.binding,
        [binder.backendField]: importer.backendRecord.id,
        [binder.externalField]: (items[index] as BulkCreate).externalId,
        [binder.syncDateField]: now,
      };
      if (recordIds[index] !== undefined) row[binder.recordField] = recordIds[index];
      return row;
    });
    const bindings = (await retryUniqueViolation(importer.modelName, () =>
      env.model(importer.modelName).create(rows),
    )) as BindingRow[];
    for (const [index, binding] of bindings.entries()) {
      await writeAllChildren(importer, binding, splits[index] as SplitValues);
    }
    return bindings;
  } catch (error) {
    throw importDataError(importer.modelName, undefined, error);
  }
}

function isDirect(importer: RecordImporterComponent): boolean {
  const { binder } = importer;
  return !binder.bindingModel.fields.has(binder.recordField);
}

async function writeAllChildren(
  importer: RecordImporterComponent,
  binding: BindingRow,
  split: SplitValues,
): Promise<void> {
  if (split.children.length === 0) return;
  const context = {
    env: importer.env.withContext({ connectorNoExport: true }),
    binder: importer.binder,
    binderFor: (model: string) => importer.binderFor(model),
  };
  for (const [toAttr, commands] of split.children)
    await writeChildren(context, binding, toAttr, commands);
}
