import { trapJobs } from '@bindery/queue-job/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import type { Backend } from '../backend/backend.js';
import type { BindingRow } from '../binding/binding-row.js';
import { IDMissingInBackendError } from '../errors/id-missing-in-backend-error.js';
import { InvalidDataError } from '../errors/invalid-data-error.js';
import { MappingError } from '../errors/mapping-error.js';
import { importRecord } from '../jobs/import-record-job.js';
import { EXPORT_JOURNAL_TABLE } from '../journal/export-journal.js';
import type { FakeBackendApi } from '../test/fake-backend-api.js';
import type { RecordExporterComponent } from './generic-exporter.js';

let shop: ShopDatabase;
let backend: Backend;
let api: FakeBackendApi;

beforeAll(async () => {
  shop = await shopDatabase();
  ({ backend, api } = await shop.newBackend());
});
afterAll(() => shop.drop());

function exporter(
  target: Backend = backend,
  model = 'shop.product.binding',
): RecordExporterComponent {
  return target.workOn(model).component({ usage: 'record.exporter' });
}

async function newBinding(values: Record<string, unknown>): Promise<BindingRow> {
  const product = await shop.env.model('product.product').create({ name: 'Product', ...values });
  return exporter().binder.createBinding(product.id as number);
}

async function reload(binding: BindingRow): Promise<BindingRow> {
  return (await exporter().binder.readBinding(binding.id)) as BindingRow;
}

const created = (resource: string) =>
  api.calls.filter((c) => c.method === 'create' && c.resource === resource).length;

describe('generic exporter', () => {
  it('creates the record in the backend after its dependencies, and binds the external id', async () => {
    const category = await shop.env.model('product.category').create({ name: 'Office' });
    const binding = await newBinding({
      name: 'Stapler',
      default_code: 'ST',
      list_price: 4.2,
      categ_id: category.id,
    });
    const result = await exporter().run(binding);
    expect(result.status).toBe('created');
    const bound = await reload(binding);
    expect(bound.external_id).toBe(result.externalId);
    expect(bound.sync_date).toBeInstanceOf(Date);
    const categoryId = await exporter(backend, 'shop.category.binding').binder.toExternal(
      category.id as number,
      { wrap: true },
    );
    expect(categoryId).toBeDefined();
    expect(api.records('products').find((r) => r['id'] === result.externalId)).toEqual({
      id: result.externalId,
      name: 'Stapler',
      sku: 'ST',
      price: 4.2,
      category_id: categoryId,
    });
  });

  it('updates only what the changed fields trigger, and refreshes the sync date', async () => {
    const binding = await newBinding({ name: 'Ruler', default_code: 'RU' });
    await exporter().run(binding);
    const before = (await reload(binding)).sync_date as Date;
    await shop.env
      .model('product.product')
      .write(binding.record_id as number, { name: 'Long ruler' });
    const result = await exporter().run(binding.id, { fields: ['name'] });
    expect(result.status).toBe('updated');
    expect(api.calls.at(-1)).toMatchObject({
      method: 'write',
      id: result.externalId,
      data: { name: 'Long ruler' },
    });
    expect(((await reload(binding)).sync_date as Date).getTime()).toBeGreaterThanOrEqual(
      before.getTime(),
    );
  });

  it('reports nothing to export when the changed fields map to nothing', async () => {
    const binding = await newBinding({ name: 'Glue' });
    await exporter().run(binding);
    const calls = api.calls.length;
    const result = await exporter().run(binding, { fields: ['qty'] });
    expect(result.status).toBe('nothing-to-export');
    expect(api.calls.length).toBe(calls);
  });

  it('does not bind anything when the export is skipped or empty', async () => {
    const binding = await newBinding({ name: 'Skipped' });
    const skipping = exporter();
    skipping.hasToSkip = () => true;
    expect((await skipping.run(binding)).status).toBe('skipped');
    const empty = exporter();
    empty.createData = () => Promise.resolve({});
    expect((await empty.run(binding)).status).toBe('nothing-to-export');
    expect((await reload(binding)).external_id).toBeNull();
  });

  it('re-creates a record the backend lost', async () => {
    const binding = await newBinding({ name: 'Lost' });
    await exporter().binder.bind('GONE', binding);
    const recreating = exporter();
    recreating.shouldImport = () => {
      throw new IDMissingInBackendError('products', 'GONE');
    };
    const result = await recreating.run(binding);
    expect(result.status).toBe('created');
    expect(result.externalId).not.toBe('GONE');
    expect((await reload(binding)).external_id).toBe(result.externalId);
  });

  it('enqueues a forced import first when shouldImport says so', async () => {
    const binding = await newBinding({ name: 'Newer there' });
    await exporter().run(binding);
    const externalId = (await reload(binding)).external_id as string;
    using trap = trapJobs(shop.queue);
    const importing = exporter();
    importing.shouldImport = () => true;
    await importing.run(binding);
    trap.assertEnqueuedJob(importRecord, {
      backend: backend.ref,
      model: 'shop.product.binding',
      externalId,
      force: true,
    });
  });

  it('refuses invalid data before calling the backend', async () => {
    const binding = await newBinding({ name: 'Invalid' });
    const strict = exporter();
    strict.validateCreateData = (data) => {
      if (data['sku'] === null)
        throw new InvalidDataError({
          model: 'shop.product.binding',
          field: 'sku',
          reason: 'a SKU is required',
        });
    };
    const before = created('products');
    await expect(strict.run(binding)).rejects.toBeInstanceOf(InvalidDataError);
    expect(created('products')).toBe(before);
    expect((await reload(binding)).external_id).toBeNull();
  });

  it('fails with a MappingError when a relation has no external id', async () => {
    const category = await shop.env.model('product.category').create({ name: 'Not exported' });
    const binding = await newBinding({ name: 'Orphan', categ_id: category.id });
    const noDeps = exporter();
    noDeps.exportDependencies = () => undefined;
    await expect(noDeps.run(binding)).rejects.toMatchObject({
      code: 'no-external-id',
      field: 'categ_id',
    });
    await expect(noDeps.run(binding)).rejects.toBeInstanceOf(MappingError);
  });

  it('keeps the external id when a later step fails (outside a transaction)', async () => {
    const binding = await newBinding({ name: 'After fails' });
    const failing = exporter();
    failing.afterExport = () => {
      throw new Error('after export failed');
    };
    await expect(failing.run(binding)).rejects.toThrow('after export failed');
    const externalId = (await reload(binding)).external_id;
    expect(externalId).not.toBeNull();
    expect(api.records('products').some((r) => r['id'] === externalId)).toBe(true);
    // its own transaction committed the id: nothing was journalled
    expect(
      await shop.db
        .selectFrom(EXPORT_JOURNAL_TABLE as never)
        .selectAll()
        .execute(),
    ).toHaveLength(0);
  });

  it('keeps the external id in the journal when the enclosing transaction rolls back', async () => {
    const binding = await newBinding({ name: 'Journalled' });
    const before = created('products');
    await expect(
      shop.env.transaction(async (tx) => {
        const failing = exporter(backend.withEnv(tx));
        failing.afterExport = () => {
          throw new Error('job failed later');
        };
        await failing.run(binding.id);
      }),
    ).rejects.toThrow('job failed later');
    expect(created('products')).toBe(before + 1);
    expect((await reload(binding)).external_id).toBeNull();
    const journal = await shop.db
      .selectFrom(EXPORT_JOURNAL_TABLE as never)
      .selectAll()
      .execute();
    expect(journal).toHaveLength(1);
    // the retry finds the id: it updates the remote record instead of creating a second one
    const result = await shop.env.transaction((tx) =>
      exporter(backend.withEnv(tx)).run(binding.id),
    );
    expect(result.status).toBe('updated');
    expect(created('products')).toBe(before + 1);
    expect((await reload(binding)).external_id).toBe(
      (journal[0] as { external_id: string }).external_id,
    );
    expect(
      await shop.db
        .selectFrom(EXPORT_JOURNAL_TABLE as never)
        .selectAll()
        .execute(),
    ).toHaveLength(0);
  });

  it('exports a dependency given as a binding, and ignores an empty relation', async () => {
    const category = await shop.env.model('product.category').create({ name: 'Direct dependency' });
    const categoryBinding = await exporter(backend, 'shop.category.binding').binder.createBinding(
      category.id as number,
    );
    const parent = exporter();
    await parent.exportDependency(
      { model: 'shop.category.binding', id: categoryBinding.id },
      'shop.category.binding',
    );
    expect(
      await exporter(backend, 'shop.category.binding').binder.toExternal(categoryBinding.id),
    ).toBeDefined();
    const calls = api.calls.length;
    await parent.exportDependency(null, 'shop.category.binding');
    await parent.exportDependency(
      { model: 'shop.category.binding', id: categoryBinding.id },
      'shop.category.binding',
    );
    expect(api.calls.length).toBe(calls);
  });
});
