import { queueFor } from '@bindery/queue-job';
import { trapJobs } from '@bindery/queue-job/test';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import type { Backend } from '../backend/backend.js';
import type { BindingRow } from '../binding/binding-row.js';
import type { FakeBackendApi } from '../test/fake-backend-api.js';
import { exportDeleteRecord } from './export-delete-record-job.js';
import { exportRecord, exportRecordArgs } from './export-record-job.js';
import { importRecord } from './import-record-job.js';
import { relatedActionUnwrapBinding, unwrappedRecordAction } from './unwrap-binding-action.js';

let shop: ShopDatabase;
let backend: Backend;
let api: FakeBackendApi;

beforeAll(async () => {
  shop = await shopDatabase();
  ({ backend, api } = await shop.newBackend());
  api.seed('products', [
    { id: 'J1', name: 'Job one' },
    { id: 'J2', name: 'Job two' },
  ]);
});
afterAll(() => shop.drop());

const binderOf = (model = 'shop.product.binding') =>
  backend.workOn(model).component({ usage: 'binder' });

describe('standard jobs', () => {
  it('are registered in the connector addon and typed by name', () => {
    const names = shop.registries.addons
      .find((addon) => addon.name === 'connector')
      ?.jobs?.map((job) => job.name);
    expect(names).toEqual([
      'connector.import_batch',
      'connector.import_record',
      'connector.export_record',
      'connector.export_delete_record',
    ]);
  });

  it('importRecord and importBatch run the importers of the backend', async () => {
    using trap = trapJobs(shop.queue);
    const jobs = queueFor(shop.env).for(shop.env);
    await jobs.delay(importRecord, {
      backend: backend.ref,
      model: 'shop.product.binding',
      externalId: 'J1',
    });
    await jobs.delay('connector.import_batch', {
      backend: backend.ref,
      model: 'shop.product.binding',
      filters: { where: { name: 'Job two' } },
    });
    await trap.performEnqueuedJobs();
    expect(await binderOf().toInternal('J1')).toBeDefined();
    expect((await binderOf().toInternal('J2', { unwrap: true }))?.['name']).toBe('Job two');
  });

  it('exportRecord exports a binding; exportDeleteRecord deletes it in the backend', async () => {
    const product = await shop.env.model('product.product').create({ name: 'To export' });
    const binding = await binderOf().createBinding(product.id as number);
    using trap = trapJobs(shop.queue);
    const args = exportRecordArgs(shop.env, 'shop.product.binding', binding);
    expect(args).toEqual({
      model: 'shop.product.binding',
      bindingId: binding.id,
      backend: backend.ref,
      record: { model: 'product.product', id: product.id },
    });
    await queueFor(shop.env).for(shop.env).delay(exportRecord, args);
    await trap.performEnqueuedJobs();
    const externalId = await binderOf().toExternal(binding.id);
    expect(api.records('products').some((record) => record['id'] === externalId)).toBe(true);
    await queueFor(shop.env)
      .for(shop.env)
      .delay(exportDeleteRecord, {
        backend: backend.ref,
        model: 'shop.product.binding',
        externalId: externalId as string,
      });
    await trap.performEnqueuedJobs();
    expect(api.records('products').some((record) => record['id'] === externalId)).toBe(false);
  });

  it('exportRecord finds the backend from the binding and ends done when the binding is gone', async () => {
    const product = await shop.env.model('product.product').create({ name: 'Vanishing' });
    const binding = await binderOf().createBinding(product.id as number);
    const result = await shop.env.transaction(async (tx) =>
      exportRecord.run(
        { env: tx, job: jobInfo(), signal: new AbortController().signal, autonomous: notInJob },
        { model: 'shop.product.binding', bindingId: binding.id },
      ),
    );
    expect(result.status).toBe('created');
    const error = await shop.env
      .transaction(async (tx) =>
        exportRecord.run(
          { env: tx, job: jobInfo(), signal: new AbortController().signal, autonomous: notInJob },
          { model: 'shop.product.binding', bindingId: 987_654 },
        ),
      )
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('NothingToDoJob');
  });
});

describe('related action', () => {
  it('opens the local record from the job arguments, else from the database', async () => {
    const product = await shop.env.model('product.product').create({ name: 'Unwrapped' });
    const binding = await binderOf().createBinding(product.id as number);
    const records = exportRecord.records?.({
      model: 'shop.product.binding',
      bindingId: binding.id,
    });
    expect(records).toEqual({ model: 'shop.product.binding', ids: [binding.id] });
    const input = { jobId: 'x', records, env: shop.env };
    expect(
      await unwrappedRecordAction({
        ...input,
        args: { record: { model: 'product.product', id: 9 } },
      }),
    ).toEqual({ type: 'record', name: 'Related Record', model: 'product.product', id: 9 });
    expect(await unwrappedRecordAction({ ...input, args: {} })).toEqual({
      type: 'record',
      name: 'Related Record',
      model: 'product.product',
      id: product.id,
    });
    const gone = exportRecord.records?.({ model: 'shop.product.binding', bindingId: 987_654 });
    expect(await unwrappedRecordAction({ ...input, records: gone, args: {} })).toBeUndefined();
    expect(exportRecord.relatedAction.action).toBe(unwrappedRecordAction);
  });

  it('is what the admin API of the queue opens for a stored job', async () => {
    const product = await shop.env.model('product.product').create({ name: 'Admin' });
    const binding = await binderOf().createBinding(product.id as number);
    await shop.queue.start();
    try {
      const jobs = queueFor(shop.env).for(shop.env);
      // arguments without the local record (jobs enqueued by older code): read from the database
      const stored = await jobs.delay(exportRecord, {
        model: 'shop.product.binding',
        bindingId: binding.id,
      });
      expect(await shop.queue.admin(shop.env).relatedAction(stored.id)).toEqual({
        type: 'record',
        name: 'Related Record',
        model: 'product.product',
        id: product.id,
      });
    } finally {
      await sql`delete from pgboss.job`.execute(shop.db);
      await shop.queue.stop();
    }
  });

  it('unwraps a binding through its binder, reading the database', async () => {
    const product = await shop.env.model('product.product').create({ name: 'Related' });
    const binding: BindingRow = await binderOf().createBinding(product.id as number);
    expect(
      await relatedActionUnwrapBinding(shop.env, {
        model: 'shop.product.binding',
        ids: [binding.id],
      }),
    ).toEqual({
      type: 'record',
      name: 'Related Record',
      model: 'product.product',
      id: product.id,
    });
    const note = await binderOf('shop.note.binding').createBinding(undefined, { body: 'direct' });
    expect(
      await relatedActionUnwrapBinding(shop.env, { model: 'shop.note.binding', ids: [note.id] }),
    ).toEqual({
      type: 'record',
      name: 'Related Record',
      model: 'shop.note.binding',
      id: note.id,
    });
    expect(
      await relatedActionUnwrapBinding(shop.env, { model: 'shop.product.binding', ids: [987_654] }),
    ).toBeUndefined();
    expect(
      await relatedActionUnwrapBinding(shop.env, { model: 'shop.product.binding', ids: [] }),
    ).toBeUndefined();
  });
});

function jobInfo() {
  return {
    id: 'test',
    functionName: 'connector.export_record',
    description: '',
    channel: 'root',
    priority: 10,
    retry: 1,
    maxRetries: 5,
    graphId: undefined,
    identityKey: undefined,
    batchId: undefined,
    createdAt: new Date(),
  };
}

function notInJob(): never {
  throw new Error('not in a job');
}
