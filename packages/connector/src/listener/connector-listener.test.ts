import { trapJobs } from '@bindery/queue-job/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import type { Backend } from '../backend/backend.js';
import { exportDeleteRecord } from '../jobs/export-delete-record-job.js';
import { exportRecord } from '../jobs/export-record-job.js';
import type { FakeBackendApi } from '../test/fake-backend-api.js';

let shop: ShopDatabase;
let backend: Backend;
let api: FakeBackendApi;

beforeAll(async () => {
  shop = await shopDatabase();
  ({ backend, api } = await shop.newBackend());
});
afterAll(() => shop.drop());

const binder = () => backend.workOn('shop.product.binding').component({ usage: 'binder' });

describe('connector listeners', () => {
  it('export a binding when it changes, with the changed fields', async () => {
    const product = await shop.env.model('product.product').create({ name: 'Listened' });
    const binding = await binder().createBinding(product.id as number);
    using trap = trapJobs(shop.queue, { env: shop.env });
    await shop.env.model('shop.product.binding').write(binding.id, { shop_status: 'dirty' });
    trap.assertEnqueuedJob(exportRecord, {
      model: 'shop.product.binding',
      bindingId: binding.id,
      backend: backend.ref,
      record: { model: 'product.product', id: product.id },
      fields: ['shop_status'],
    });
    await trap.performEnqueuedJobs();
    const externalId = await binder().toExternal(binding.id);
    expect(api.records('products').find((record) => record['id'] === externalId)?.['name']).toBe(
      'Listened',
    );
  });

  it('skip the writes made with connectorNoExport, or its legacy name', async () => {
    const product = await shop.env.model('product.product').create({ name: 'Quiet' });
    const binding = await binder().createBinding(product.id as number);
    using trap = trapJobs(shop.queue);
    await shop.env
      .withContext({ connectorNoExport: true })
      .model('shop.product.binding')
      .write(binding.id, { shop_status: 'a' });
    await shop.env
      .withContext({ noConnectorExport: true })
      .model('shop.product.binding')
      .write(binding.id, { shop_status: 'b' });
    expect(trap.jobsCount()).toBe(0);
    const listener = backend
      .workOn('shop.product.binding')
      .componentByName('base.connector.listener');
    expect(listener.noConnectorExport()).toBeUndefined();
  });

  it('delete the record in the backend when a bound binding is unlinked', async () => {
    const product = await shop.env.model('product.product').create({ name: 'Doomed' });
    const binding = await binder().createBinding(product.id as number);
    await binder().bind('DOOMED', binding);
    api.seed('products', [{ id: 'DOOMED', name: 'Doomed' }]);
    using trap = trapJobs(shop.queue, { env: shop.env });
    await shop.env.model('shop.product.binding').unlink(binding.id);
    trap.assertEnqueuedJob(exportDeleteRecord, {
      backend: backend.ref,
      model: 'shop.product.binding',
      externalId: 'DOOMED',
    });
    await trap.performEnqueuedJobs();
    expect(api.records('products').some((record) => record['id'] === 'DOOMED')).toBe(false);
  });
});
