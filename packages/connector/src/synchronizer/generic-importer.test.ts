import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NothingToDoJob } from '@bindery/queue-job';
import { trapJobs } from '@bindery/queue-job/test';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import type { Backend } from '../backend/backend.js';
import { InvalidDataError } from '../errors/invalid-data-error.js';
import { MappingError } from '../errors/mapping-error.js';
import type { FakeBackendApi } from '../test/fake-backend-api.js';
import type { RecordImporterComponent } from './generic-importer.js';

let shop: ShopDatabase;
let backend: Backend;
let api: FakeBackendApi;

beforeAll(async () => {
  shop = await shopDatabase();
  ({ backend, api } = await shop.newBackend());
  api.seed('categories', [
    { id: 'C1', name: 'Office' },
    { id: 'C2', name: 'Pens', parent_id: 'C1' },
  ]);
});
afterAll(() => shop.drop());

function importer(model = 'shop.product.binding'): RecordImporterComponent {
  return backend.workOn(model).component({ usage: 'record.importer' });
}

async function productOf(externalId: string): Promise<Record<string, unknown> | undefined> {
  return importer().binder.toInternal(externalId, { unwrap: true });
}

describe('generic importer', () => {
  it('creates the local record and its binding, with dependencies, and binds it', async () => {
    api.seed('products', [
      { id: 'P1', name: 'Blue pen', sku: 'BP', price: '1.5', qty: 0, category_id: 'C2' },
    ]);
    const result = await importer().run('P1');
    expect(result.status).toBe('created');
    const binding = await importer().binder.toInternal('P1');
    expect(binding?.id).toBe(result.bindingId);
    expect(binding?.sync_date).toBeInstanceOf(Date);
    const product = await productOf('P1');
    expect(product).toMatchObject({
      name: 'Blue pen',
      default_code: 'BP',
      list_price: '1.50',
      qty: 0,
      active: true,
    });
    expect(product?.['description']).toBe('Blue pen (BP)');
    // the category and its parent were imported first (dependencies, recursively)
    const category = await importer('shop.category.binding').binder.toInternal('C2', {
      unwrap: true,
    });
    const parent = await importer('shop.category.binding').binder.toInternal('C1', {
      unwrap: true,
    });
    expect(product?.['categ_id']).toBe(category?.id);
    expect(category?.['parent_id']).toBe(parent?.id);
  });

  it('updates on a second import, without onlyCreate mappings', async () => {
    await shop.env
      .model('product.product')
      .write((await productOf('P1'))?.['id'] as number, { active: false });
    api.seed('products', [
      { id: 'P1', name: 'Blue pen XL', sku: 'BP', price: '2', category_id: 'C2' },
    ]);
    const result = await importer().run('P1');
    expect(result.status).toBe('updated');
    expect(await productOf('P1')).toMatchObject({
      name: 'Blue pen XL',
      list_price: '2.00',
      active: false,
      qty: null,
    });
    expect(await shop.env.model('shop.product.binding').searchCount({ external_id: 'P1' })).toBe(1);
  });

  it('skips records that are up to date unless forced', async () => {
    const past = new Date(Date.now() - 3_600_000).toISOString();
    api.seed('products', [{ id: 'P1', name: 'Renamed', sku: 'BP', updated_at: past }]);
    const skipped = await importer().run('P1');
    expect(skipped.status).toBe('up-to-date');
    expect((await productOf('P1'))?.['name']).toBe('Blue pen XL');
    expect((await importer().run('P1', { force: true })).status).toBe('updated');
    expect((await productOf('P1'))?.['name']).toBe('Renamed');
    const binding = await importer().binder.toInternal('P1');
    expect((binding?.['shop_updated_at'] as Date).toISOString()).toBe(past);
  });

  it('uses the data given instead of reading the backend', async () => {
    const reads = api.calls.filter((call) => call.method === 'read').length;
    const result = await importer().run('P9', { data: { id: 'P9', name: 'Given' } });
    expect(result.status).toBe('created');
    expect(api.calls.filter((call) => call.method === 'read').length).toBe(reads);
    expect((await productOf('P9'))?.['name']).toBe('Given');
  });

  it('ends as missing when the backend does not know the id', async () => {
    const result = await importer().run('NOPE');
    expect(result).toMatchObject({ status: 'missing', externalId: 'NOPE' });
    expect(await importer().binder.toInternal('NOPE')).toBeUndefined();
  });

  it('returns the reason mustSkip gives', async () => {
    const skipping = importer();
    skipping.mustSkip = () => 'Draft products are not imported';
    const result = await skipping.run('P9', { data: { id: 'P9', name: 'Draft' } });
    expect(result).toMatchObject({ status: 'skipped', message: 'Draft products are not imported' });
    expect((await productOf('P9'))?.['name']).toBe('Given');
  });

  it('refuses mistyped and missing values with InvalidDataError, writing nothing', async () => {
    const count = await shop.env.model('product.product').searchCount();
    const mistyped = await importer()
      .run('BAD1', { data: { id: 'BAD1', name: 'Bad', qty: 'many' } })
      .catch((e: unknown) => e);
    expect(mistyped).toBeInstanceOf(InvalidDataError);
    expect((mistyped as InvalidDataError).field).toBe('qty');
    expect((mistyped as InvalidDataError).externalId).toBe('BAD1');
    const missing = await importer()
      .run('BAD2', { data: { id: 'BAD2', sku: 'NONAME' } })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(InvalidDataError);
    expect((missing as InvalidDataError).field).toBe('name');
    const badPrice = await importer()
      .run('BAD3', { data: { id: 'BAD3', name: 'x', price: 'free' } })
      .catch((e: unknown) => e);
    expect(badPrice).toBeInstanceOf(MappingError);
    expect((badPrice as MappingError).code).toBe('invalid-value');
    expect(await shop.env.model('product.product').searchCount()).toBe(count);
  });

  it('ignores extra fields of the payload', async () => {
    const result = await importer().run('EXTRA', {
      data: { id: 'EXTRA', name: 'Extra', colour: 'red', nested: { a: 1 } },
    });
    expect(result.status).toBe('created');
  });

  it('reports an unknown related external id as a MappingError when the dependency is not imported', async () => {
    const noDeps = importer();
    noDeps.importDependencies = () => undefined;
    const error = await noDeps
      .run('P404', { data: { id: 'P404', name: 'Orphan', category_id: 'C404' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'unknown-external-id', value: 'C404' });
    expect(await productOf('P404')).toBeUndefined();
  });

  it('never leaves a half-written record when a later step fails', async () => {
    const failing = importer();
    failing.afterImport = () => {
      throw new Error('after hook failed');
    };
    const products = await shop.env.model('product.product').searchCount();
    const bindings = await shop.env.model('shop.product.binding').searchCount();
    await expect(failing.run('HALF', { data: { id: 'HALF', name: 'Half' } })).rejects.toThrow(
      'after hook failed',
    );
    expect(await shop.env.model('product.product').searchCount()).toBe(products);
    expect(await shop.env.model('shop.product.binding').searchCount()).toBe(bindings);
  });

  it('writes with connectorNoExport, so the listeners export nothing back', async () => {
    using trap = trapJobs(shop.queue);
    api.seed('products', [{ id: 'P1', name: 'Quiet update', sku: 'BP' }]);
    await importer().run('P1', { force: true });
    expect(trap.jobsCount()).toBe(0);
  });

  it('puts records in the review queue from afterImport', async () => {
    const reviewing = importer();
    reviewing.afterImport = async (binding, status) => {
      if (status === 'created')
        await reviewing.addCheckpoint('product.product', binding.record_id as number);
    };
    const result = await reviewing.run('NEW', { data: { id: 'NEW', name: 'New one' } });
    const product = await productOf('NEW');
    const rows = await shop.env
      .model('connector.checkpoint')
      .search({ record_id: product?.['id'] as number });
    expect(result.status).toBe('created');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      model: 'product.product',
      backend_model: 'shop.backend',
      state: 'need_review',
      message: 'A Product needs a review.',
    });
  });

  it('creates children lines of a new record', async () => {
    const orders = importer('shop.order.binding');
    const payload = {
      id: 'O1',
      name: 'SO1',
      lines: [
        { product: 'Pen', qty: 2, price: '1' },
        { product: 'Ink', qty: 1, price: '3.5' },
      ],
    };
    await orders.run('O1', { data: payload });
    const order = await orders.binder.toInternal('O1', { unwrap: true });
    const lines = await shop.env.model('sale.order.line').search({ order_id: order?.id as number });
    expect(lines.map((line) => [line['product'], line['qty'], line['price']])).toEqual([
      ['Pen', 2, '1.00'],
      ['Ink', 1, '3.50'],
    ]);
  });

  it('refuses children that are not a list', async () => {
    const error = await importer('shop.order.binding')
      .run('O2', { data: { id: 'O2', name: 'SO2', lines: 'oops' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'invalid-value', field: 'lines' });
  });

  it('imports a dependency again with always, and swallows NothingToDoJob', async () => {
    const reads = () =>
      api.calls.filter((call) => call.method === 'read' && call.resource === 'categories').length;
    const before = reads();
    const dependent = importer();
    expect(await dependent.importDependency('C1', 'shop.category.binding')).toBeUndefined();
    expect(reads()).toBe(before);
    const again = await dependent.importDependency('C1', 'shop.category.binding', { always: true });
    expect(again?.status).toBe('updated');
    expect(reads()).toBe(before + 1);
    expect(await dependent.importDependency(null, 'shop.category.binding')).toBeUndefined();
    const nothing = importer('shop.category.binding');
    nothing.run = () => Promise.reject(new NothingToDoJob('nothing'));
    expect(
      await dependent.importDependency('C404', 'shop.category.binding', { importer: nothing }),
    ).toBeUndefined();
  });
});
