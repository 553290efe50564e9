import { WorkContext } from '@bindery/component';
import { buildAppRegistries, createEnv } from '@bindery/model';
import { NoQueueError, queueFor } from '@bindery/queue-job';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceBuilds, ShopBackend } from '../__fixtures__/shop-addon.js';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import { ConnectorConfigError } from '../errors/connector-config-error.js';
import { UnknownBackendError } from '../errors/unknown-backend-error.js';
import { importRecord } from '../jobs/import-record-job.js';
import { FakeBackendApi } from '../test/fake-backend-api.js';
import { Backend } from './backend.js';
import { BackendWorkContext } from './backend-work-context.js';
import { openBackend } from './open-backend.js';

let shop: ShopDatabase;

beforeAll(async () => {
  shop = await shopDatabase();
});
afterAll(() => shop.drop());

describe('backends', () => {
  it('open a backend record as the collection of its components', async () => {
    const { backend } = await shop.newBackend('opened');
    const again = await openBackend(shop.env, ShopBackend, backend.id);
    expect(again).toBeInstanceOf(Backend);
    expect(again.name).toBe('shop.backend');
    expect(again.record).toMatchObject({ id: backend.id, name: 'opened' });
    const work = again.workOn('shop.product.binding', { flag: 1 });
    expect(work).toBeInstanceOf(BackendWorkContext);
    expect(work.backend).toBe(again);
    expect(again.ref).toEqual({ model: 'shop.backend', id: backend.id });
    expect(work.env).toBe(shop.env);
    expect(work.extra.flag).toBe(1);
    expect(work.extra.api).toBeInstanceOf(FakeBackendApi);
    expect(work.component({ usage: 'binder' }).backendRecord).toBe(again);
  });

  it('build resources once per backend, shared by its work contexts and envs', async () => {
    const { backend: opened } = await shop.newBackend('resources');
    const backend = await openBackend(shop.env, ShopBackend, opened.id);
    const before = resourceBuilds.count;
    const first = backend.workOn('shop.product.binding').extra.api;
    const second = backend.workOn('shop.category.binding').workOn('sale.order').extra.api;
    await shop.env.transaction((tx) => {
      const inTx = backend.withEnv(tx);
      expect(inTx.workOn('shop.product.binding').env).toBe(tx);
      expect(inTx.resources.api).toBe(first);
      return Promise.resolve();
    });
    expect(second).toBe(first);
    expect(resourceBuilds.count).toBe(before + 1);
  });

  it('bind a work context to a transaction with withEnv', async () => {
    const { backend: opened } = await shop.newBackend('tx');
    const backend = await openBackend(shop.env, ShopBackend, opened.id);
    const work = backend.workOn('shop.product.binding');
    await shop.env.transaction((tx) => {
      const bound = work.withEnv(tx);
      expect(bound.env).toBe(tx);
      expect(bound.backend).toBe(backend);
      expect(bound.extra).toEqual(work.extra);
      expect(bound.extra.api).toBe(work.extra.api);
      return Promise.resolve();
    });
  });

  it('refuse a missing backend record', async () => {
    const error = await openBackend(shop.env, 'shop.backend', 999_999).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownBackendError);
    expect(error).toMatchObject({ model: 'shop.backend', backendId: 999_999 });
  });

  it('need a backend as collection for connector components', () => {
    const work = new WorkContext({
      registry: shop.registries.components,
      collection: { name: 'shop.backend' },
      modelName: 'shop.product.binding',
      env: shop.env,
    });
    expect(() => work.component({ usage: 'binder' }).backendRecord).toThrow(ConnectorConfigError);
  });
});

describe('the queue of the app', () => {
  it('is the QueueJob constructed with the registries, or NoQueueError', async () => {
    expect(queueFor(shop.env)).toBe(shop.queue);
    const other = buildAppRegistries(shop.registries.addons);
    const env = createEnv({ db: shop.db, registries: other, userId: 1 });
    const row = await env.model('shop.backend').create({ name: 'no queue', location: 'x' });
    const noQueue = await openBackend(env, 'shop.backend', row.id);
    await expect(
      noQueue
        .workOn('shop.product.binding')
        .component({ usage: 'record.importer' })
        .delay(importRecord, {
          backend: noQueue.ref,
          model: 'shop.product.binding',
          externalId: 'X',
        }),
    ).rejects.toBeInstanceOf(NoQueueError);
  });
});
