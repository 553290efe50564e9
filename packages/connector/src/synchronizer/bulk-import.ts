import type { ComponentClass } from '@bindery/component';
import type { BindingRow, ExternalId, ExternalIdInput } from '../binding/binding-row.js';
import { isOverriddenOutside } from '../core/overridden-methods.js';
import { AdvisoryLockError } from '../errors/advisory-lock-error.js';
import { ConnectorError } from '../errors/connector-error.js';
import { IDMissingInBackendError } from '../errors/id-missing-in-backend-error.js';
import { pgTryAdvisoryLocks } from '../locks/advisory-lock.js';
import type { MappedValues, SourceRecord } from '../mapper/mapper-types.js';
import type { RecordImporterComponent } from './generic-importer.js';
import { importResult, type ImportResult } from './import-result.js';
import { createRecords } from './import-writes.js';

/** One record for `runMany`: an external id, or an id with the data already read. */
export type ImportItem =
  | ExternalIdInput
  | { readonly externalId: ExternalIdInput; readonly data?: SourceRecord };

interface Pending {
  readonly externalId: ExternalId;
  readonly data: SourceRecord;
  binding: BindingRow | undefined;
}

interface Created extends Pending {
  readonly values: MappedValues;
}

/**
 * Import many records with the same hooks as `run`, batching the database work: one query for
 * the bindings, one statement for every advisory lock, and creations in one statement per table
 * (unless the importer overrides `create` or `bind`, then record by record). Duplicated ids are
 * imported once. Everything happens in one transaction: a failure rolls the whole batch back.
 * Results come in the order of the first occurrence of each id.
 */
export async function importMany(
  importer: RecordImporterComponent,
  items: readonly ImportItem[],
  options: { readonly force?: boolean },
): Promise<ImportResult[]> {
  const unique = dedupe(importer, items);
  const results = new Map<ExternalId, ImportResult>();
  const known = await importer.binder.toInternalMany([...unique.keys()]);
  const pending: Pending[] = [];
  for (const [externalId, given] of unique) {
    const item = await prepare(
      importer,
      externalId,
      given,
      known.get(externalId),
      options.force === true,
    );
    if ('status' in item) results.set(externalId, item);
    else pending.push(item);
  }
  if (pending.length > 0) {
    await importer.inTransaction(async () => {
      for (const [id, result] of await importLocked(importer, pending)) results.set(id, result);
    });
  }
  return [...unique.keys()].map((id) => results.get(id) as ImportResult);
}

function dedupe(
  importer: RecordImporterComponent,
  items: readonly ImportItem[],
): Map<ExternalId, SourceRecord | undefined> {
  const unique = new Map<ExternalId, SourceRecord | undefined>();
  for (const item of items) {
    const isObject = typeof item === 'object';
    const id = importer.binder.normalizeExternalId(isObject ? item.externalId : item);
    const data = isObject ? item.data : undefined;
    unique.set(id, data ?? unique.get(id));
  }
  return unique;
}

async function prepare(
  importer: RecordImporterComponent,
  externalId: ExternalId,
  given: SourceRecord | undefined,
  binding: BindingRow | undefined,
  force: boolean,
): Promise<Pending | ImportResult> {
  importer.externalId = externalId;
  try {
    importer.externalData = given ?? (await importer.getExternalData());
  } catch (error) {
    if (ConnectorError.isInstance(error) && error instanceof IDMissingInBackendError) {
      return importResult('missing', externalId);
    }
    throw error;
  }
  const skip = await importer.mustSkip();
  if (typeof skip === 'string' && skip !== '')
    return importResult('skipped', externalId, undefined, skip);
  if (!force && binding !== undefined && (await importer.isUpToDate(binding))) {
    return importResult('up-to-date', externalId, binding.id);
  }
  return { externalId, data: importer.externalData, binding };
}

async function importLocked(
  importer: RecordImporterComponent,
  pending: readonly Pending[],
): Promise<Map<ExternalId, ImportResult>> {
  const failed = await pgTryAdvisoryLocks(
    importer.env,
    pending.map((item) => importer.lockName(item.externalId)),
  );
  if (failed.length > 0)
    throw new AdvisoryLockError(failed[0] as string, importer.lockRetrySeconds);
  await refreshBindings(importer, pending);
  const results = new Map<ExternalId, ImportResult>();
  const creates: Created[] = [];
  for (const item of pending) {
    select(importer, item);
    await importer.beforeImport();
    await importer.importDependencies();
    if (item.binding !== undefined) {
      results.set(item.externalId, await updateOne(importer, item.binding));
      continue;
    }
    creates.push({ ...item, values: await importer.createData(importer.mapData()) });
  }
  await refreshBindings(importer, creates);
  for (const item of creates.filter((created) => created.binding !== undefined)) {
    select(importer, item);
    results.set(item.externalId, await updateOne(importer, item.binding as BindingRow));
  }
  const toCreate = creates.filter((created) => created.binding === undefined);
  for (const [id, result] of await createAll(importer, toCreate)) results.set(id, result);
  return results;
}

/** Bindings created meanwhile (by a concurrent job before the lock, or by a dependency import). */
async function refreshBindings(
  importer: RecordImporterComponent,
  items: readonly Pending[],
): Promise<void> {
  const missing = items.filter((item) => item.binding === undefined);
  if (missing.length === 0) return;
  const found = await importer.binder.toInternalMany(missing.map((item) => item.externalId));
  for (const item of missing) item.binding = found.get(item.externalId);
}

function select(importer: RecordImporterComponent, item: Pending): void {
  importer.externalId = item.externalId;
  importer.externalData = item.data;
}

async function updateOne(
  importer: RecordImporterComponent,
  found: BindingRow,
): Promise<ImportResult> {
  const values = await importer.updateData(importer.mapData(), found);
  const binding = await importer.bind(await importer.update(found, values));
  await importer.afterImport(binding, 'updated');
  return importResult('updated', importer.externalId as ExternalId, binding.id);
}

async function createAll(
  importer: RecordImporterComponent,
  items: readonly Created[],
): Promise<Map<ExternalId, ImportResult>> {
  const results = new Map<ExternalId, ImportResult>();
  const bulk = !isOverriddenOutside(importer.constructor as ComponentClass, 'generic.importer', [
    'create',
    'bind',
  ]);
  if (bulk) {
    for (const item of items) {
      select(importer, item);
      await importer.validateData(item.values);
    }
  }
  const bindings = bulk ? await createRecords(importer, items) : [];
  for (const [index, item] of items.entries()) {
    select(importer, item);
    let binding = bindings[index];
    if (binding === undefined) binding = await importer.bind(await importer.create(item.values));
    await importer.afterImport(binding, 'created');
    results.set(item.externalId, importResult('created', item.externalId, binding.id));
  }
  return results;
}
