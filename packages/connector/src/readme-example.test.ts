// The app part of the README guide, run against a real database: it drives the connector of
// src/__fixtures__/coffee-connector.ts through the job queue.
import { buildAppRegistries, createEnv, type BinderyDatabase } from '@bindery/model';
import { createTestDatabase, migratedTemplate, type TestDatabase } from '@bindery/model/test';
import { QueueJob } from '@bindery/queue-job';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, CoffeeBackend, coffeeConnectorAddon } from './__fixtures__/coffee-connector.js';
import { checkpoints, configureConnector, openBackend } from './index.js';
import { FakeBackendApi } from './test/index.js';

let database: TestDatabase<BinderyDatabase>;

beforeAll(async () => {
  const addons = buildAppRegistries([coffeeConnectorAddon]).addons;
  database = await createTestDatabase<BinderyDatabase>({
    template: migratedTemplate(addons, 'connector-readme'),
  });
});
afterAll(() => database.drop());

describe('README: a connector for a new backend', () => {
  it('imports, reviews and exports through jobs', async () => {
    const { db, url } = database;
    // --- the coffee shop's API (an in-memory stand-in for the HTTP client) ----------------
    const shop = new FakeBackendApi();
    shop.seed('beans', [
      { id: 'B1', title: 'Ethiopia', price: '12.5', roast: 'light' },
      { id: 'B2', title: 'Old stock', price: '1', discontinued: true },
    ]);
    clients.set('https://beans.example', {
      list: (resource) => shop.search(resource),
      get: (resource, id) => shop.read(resource, id),
      post: (resource, data) => shop.create(resource, data),
      put: (resource, id, data) => shop.write(resource, id, data),
      remove: (resource, id) => shop.delete(resource, id),
    });

    // --- the app: registries, queue, connector settings, env ------------------------------
    const registries = buildAppRegistries([coffeeConnectorAddon]);
    // the queue registers itself on the registries: components find it with queueFor(env)
    const queue = new QueueJob({ registries, connectionString: url, onError: () => undefined });
    configureConnector(registries, { db }); // exporters outside jobs journal through this pool
    const env = createEnv({ db, registries, userId: 1 });
    await queue.start();
    const worker = queue.worker({ env });
    try {
      const row = await env
        .model('coffee.backend')
        .create({ name: 'Beans & Co', location: 'https://beans.example' });
      const backend = await openBackend(env, CoffeeBackend, row.id);

      // import every bean: the delayed batch importer enqueues one import job per record
      await backend.workOn('coffee.product.binding').component({ usage: 'batch.importer' }).run();
      expect(await worker.runUntilIdle()).toBe(2);

      const binder = backend.workOn('coffee.product.binding').component({ usage: 'binder' });
      const product = await binder.toInternal('B1', { unwrap: true });
      expect(product).toMatchObject({ name: 'Ethiopia', list_price: '12.50', active: true });
      expect((await binder.toInternal('B1'))?.['roast']).toBe('light');
      expect(await binder.toInternal('B2')).toBeUndefined(); // discontinued: skipped

      // the new product waits for a review
      const [checkpoint] = await checkpoints(env).list({ state: 'need_review' });
      expect(checkpoint).toMatchObject({
        model: 'product.product',
        record_id: product?.id,
        message: 'A Product needs a review.',
      });
      await checkpoints(env).markReviewed([checkpoint?.id as number]);

      // a user renames the product: the listener enqueues its export, a worker runs it
      await env
        .model('product.product')
        .write(product?.id as number, { name: 'Ethiopia Yirgacheffe' });
      expect(await worker.runUntilIdle()).toBe(1);
      expect(shop.records('beans').find((bean) => bean['id'] === 'B1')?.['title']).toBe(
        'Ethiopia Yirgacheffe',
      );

      // imports write with connectorNoExport: re-importing enqueues no export back
      shop.seed('beans', [
        { id: 'B1', title: 'Ethiopia Yirgacheffe', price: '13', roast: 'light' },
      ]);
      await backend
        .workOn('coffee.product.binding')
        .component({ usage: 'record.importer' })
        .run('B1');
      expect(await worker.runUntilIdle()).toBe(0);
      expect((await binder.toInternal('B1', { unwrap: true }))?.['list_price']).toBe('13.00');
    } finally {
      await worker.stop();
      await queue.stop();
    }
  });
});
