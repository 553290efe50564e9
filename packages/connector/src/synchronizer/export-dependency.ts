import type { RecordId } from '@bindery/model';
import type { BindingRow } from '../binding/binding-row.js';
import { MissingBindingError } from '../errors/missing-binding-error.js';
import type { MappedValues } from '../mapper/mapper-types.js';
import type { RecordExporterComponent } from './generic-exporter.js';

/** A record by model and id: a local record, or a binding of the binding model. */
export interface RelatedRecord {
  readonly model: string;
  readonly id: RecordId;
}

/** Options of `exportDependency`. */
export interface ExportDependencyOptions {
  /** Usage of the exporter to run. @defaultValue 'record.exporter' */
  readonly usage?: string;
  /** Values of the binding created when the related record has none for this backend. */
  readonly bindingValues?: MappedValues;
}

/**
 * Make sure a related record exists in the backend before the current one (upstream
 * `_export_dependency`): an empty relation does nothing; a local record gets its binding for
 * this backend (created, with `connectorNoExport`, in a transaction of its own when missing; a
 * concurrent creation throws the retryable `ConcurrentCreateError`); a binding without external
 * id is exported now by the binding model's exporter. Call it from `exportDependencies()`.
 */
export async function exportDependency(
  exporter: RecordExporterComponent,
  relation: RelatedRecord | null | undefined,
  bindingModel: string,
  options: ExportDependencyOptions = {},
): Promise<void> {
  if (relation === null || relation === undefined) return;
  let binding: BindingRow | undefined;
  if (relation.model !== bindingModel) {
    binding = await exporter.binderFor(bindingModel).bindingOf(relation.id);
    binding ??= await exporter.inTransaction(() =>
      exporter.binderFor(bindingModel).createBinding(relation.id, options.bindingValues),
    );
  } else {
    binding = await exporter.binderFor(bindingModel).readBinding(relation.id);
    if (binding === undefined) throw new MissingBindingError(bindingModel, relation.id);
  }
  if ((await exporter.binderFor(bindingModel).toExternal(binding)) !== undefined) return;
  const dependency = exporter.component({
    usage: options.usage ?? 'record.exporter',
    modelName: bindingModel,
  }) as unknown as RecordExporterComponent;
  await dependency.run(binding);
}
