import { extendComponent, type ComponentClass } from '@bindery/component';
import { trapJobs } from '@bindery/queue-job/test';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopImporter } from '../__fixtures__/shop-components.js';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import type { Backend } from '../backend/backend.js';
import type { BindingRow } from '../binding/binding-row.js';
import { isOverriddenOutside } from '../core/overridden-methods.js';
import { AdvisoryLockError } from '../errors/advisory-lock-error.js';
import { IDMissingInBackendError } from '../errors/id-missing-in-backend-error.js';
import { InvalidDataError } from '../errors/invalid-data-error.js';
import { importRecord } from '../jobs/import-record-job.js';
import { advisoryLockKey } from '../locks/advisory-lock.js';
import type { MappedValues } from '../mapper/mapper-types.js';
import type { FakeBackendApi } from '../test/fake-backend-api.js';
import type { BatchImporterComponent } from './base-batch-importer.js';
import type { DeleterComponent } from './generic-deleter.js';
import type { RecordImporterComponent } from './generic-importer.js';

const perRecordCreates: string[] = [];

const CountingCreate = extendComponent(
  ShopImporter,
  (Base) =>
    class extends Base {
      override async create(data: MappedValues): Promise<BindingRow> {
        perRecordCreates.push(String(this.externalId));
        return super.create(data);
      }
    },
);

let shop: ShopDatabase;
let backend: Backend;
let api: FakeBackendApi;

beforeAll(async () => {
  shop = await shopDatabase({ extra: [CountingCreate] });
  ({ backend, api } = await shop.newBackend());
  api.seed('categories', [
    { id: 'C1', name: 'Root' },
    { id: 'C2', name: 'Child', parent_id: 'C1' },
  ]);
  api.seed(
    'products',
    Array.from({ length: 5 }, (_, i) => ({
      id: `P${i}`,
      name: `Product ${i}`,
      sku: `SKU${i}`,
      category_id: i % 2 ? 'C2' : null,
    })),
  );
});
afterAll(() => shop.drop());

function batch(model = 'shop.product.binding'): BatchImporterComponent {
  return backend.workOn(model).component({ usage: 'batch.importer' });
}

function importer(model = 'shop.product.binding'): RecordImporterComponent {
  return backend.workOn(model).component({ usage: 'record.importer' });
}

const count = (model: string) => shop.env.model(model).searchCount();

describe('direct batch importer', () => {
  it('imports what the adapter finds, in one transaction, with the record hooks', async () => {
    const result = await batch().run({ where: {} });
    expect(result.count).toBe(5);
    expect(result.results?.map((r) => r.status)).toEqual([
      'created',
      'created',
      'created',
      'created',
      'created',
    ]);
    expect(await count('shop.product.binding')).toBe(5);
    const binding = await importer().binder.toInternal('P1');
    expect(binding?.sync_date).toBeInstanceOf(Date);
    const product = await importer().binder.unwrapBinding(binding as BindingRow);
    expect(product).toMatchObject({
      name: 'Product 1',
      default_code: 'SKU1',
      active: true,
      description: 'Product 1 (SKU1)',
    });
    const category = await importer('shop.category.binding').binder.toInternal('C2', {
      unwrap: true,
    });
    expect(product['categ_id']).toBe(category?.['id']);
  });

  it('updates on the next run, and honours paging filters', async () => {
    api.seed('products', [{ id: 'P0', name: 'Renamed 0', sku: 'SKU0' }]);
    const result = await batch().run({ where: {}, limit: 2 });
    expect(result.results?.map((r) => [r.externalId, r.status])).toEqual([
      ['P0', 'updated'],
      ['P1', 'updated'],
    ]);
    expect((await importer().binder.toInternal('P0', { unwrap: true }))?.['name']).toBe(
      'Renamed 0',
    );
    expect(await count('shop.product.binding')).toBe(5);
  });
});

describe('importer.runMany', () => {
  it('imports each id once, reporting missing, skipped and up-to-date records', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    api.seed('products', [{ id: 'P2', name: 'Old', sku: 'SKU2', updated_at: past }]);
    const skipping = importer();
    skipping.mustSkip = () => (skipping.externalId === 'P3' ? 'not this one' : undefined);
    const results = await skipping.runMany([
      'P4',
      'P4',
      'NOPE',
      'P3',
      'P2',
      { externalId: 'NEW', data: { id: 'NEW', name: 'Given' } },
    ]);
    expect(results.map((r) => [r.externalId, r.status])).toEqual([
      ['P4', 'updated'],
      ['NOPE', 'missing'],
      ['P3', 'skipped'],
      ['P2', 'up-to-date'],
      ['NEW', 'created'],
    ]);
    expect(await count('shop.product.binding')).toBe(6);
  });

  it('creates a record created meanwhile by a dependency import only once', async () => {
    const results = await importer('shop.category.binding').runMany(
      ['C9', 'C8'].map((id) => id),
      { force: true },
    );
    expect(results.map((r) => r.status)).toEqual(['missing', 'missing']);
    api.seed('categories', [
      { id: 'C8', name: 'Parent' },
      { id: 'C9', name: 'Kid', parent_id: 'C8' },
    ]);
    const imported = await importer('shop.category.binding').runMany(['C9', 'C8']);
    expect(imported.map((r) => [r.externalId, r.status])).toEqual([
      ['C9', 'created'],
      ['C8', 'updated'],
    ]);
    expect(await shop.env.model('shop.category.binding').searchCount({ external_id: 'C8' })).toBe(
      1,
    );
  });

  it('rolls the whole batch back on bad data', async () => {
    const before = await count('product.product');
    const error = await importer()
      .runMany([
        { externalId: 'B1', data: { id: 'B1', name: 'Fine' } },
        { externalId: 'B2', data: { id: 'B2', name: 'Bad', qty: 'x' } },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDataError);
    expect(await count('product.product')).toBe(before);
  });

  it('fails with a retryable error, writing nothing, when a record is locked by another job', async () => {
    const key = advisoryLockKey(importer().lockName('LK2')).toString();
    const before = await count('product.product');
    await shop.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${key}::bigint)`.execute(trx);
      const error = await importer()
        .runMany(['LK1', 'LK2'].map((id) => ({ externalId: id, data: { id, name: id } })))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AdvisoryLockError);
      expect((error as AdvisoryLockError).lock).toBe(importer().lockName('LK2'));
    });
    expect(await count('product.product')).toBe(before);
  });

  it('creates record by record when the importer overrides create or bind', async () => {
    const notes = importer('shop.note.binding');
    expect(
      isOverriddenOutside(notes.constructor as ComponentClass, 'generic.importer', [
        'create',
        'bind',
      ]),
    ).toBe(true);
    expect(
      isOverriddenOutside(importer().constructor as ComponentClass, 'generic.importer', [
        'create',
        'bind',
      ]),
    ).toBe(false);
    perRecordCreates.length = 0;
    const results = await notes.runMany(
      ['N1', 'N2'].map((id) => ({ externalId: id, data: { id, body: `note ${id}` } })),
    );
    expect(results.map((r) => r.status)).toEqual(['created', 'created']);
    expect(perRecordCreates).toEqual(['N1', 'N2']);
    expect((await notes.binder.toInternal('N2'))?.['body']).toBe('note N2');
  });
});

describe('delayed batch importer', () => {
  it('enqueues one import job per record, which import them when performed', async () => {
    using trap = trapJobs(shop.queue);
    const result = await batch('shop.category.binding').run({ where: { name: 'Root' } });
    expect(result).toMatchObject({ count: 1 });
    expect(result.jobIds).toHaveLength(1);
    trap.assertJobsCount(1, importRecord);
    trap.assertEnqueuedJob(importRecord, {
      backend: backend.ref,
      model: 'shop.category.binding',
      externalId: 'C1',
    });
    await trap.performEnqueuedJobs();
    expect(await importer('shop.category.binding').binder.toInternal('C1')).toBeDefined();
  });
});

describe('deleter', () => {
  it('deletes the record in the backend', async () => {
    const deleter: DeleterComponent = backend
      .workOn('shop.product.binding')
      .component({ usage: 'record.exporter.deleter' });
    api.seed('products', [{ id: 'DEL', name: 'Gone soon' }]);
    expect(await deleter.run('DEL')).toContain('DEL');
    expect(api.records('products').some((record) => record['id'] === 'DEL')).toBe(false);
    await expect(deleter.run('DEL')).rejects.toBeInstanceOf(IDMissingInBackendError);
  });
});
