import { RetryableJobError } from '@bindery/queue-job';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import type { Backend } from '../backend/backend.js';
import type { BindingRow } from '../binding/binding-row.js';
import { ConcurrentCreateError } from '../errors/concurrent-create-error.js';
import { ConnectorConfigError } from '../errors/connector-config-error.js';
import { RecordLockedError } from '../errors/record-locked-error.js';
import type { RecordLockerComponent } from '../locker/record-locker.js';
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

function exporter(target: Backend = backend): RecordExporterComponent {
  return target.workOn('shop.product.binding').component({ usage: 'record.exporter' });
}

async function newBinding(name: string): Promise<BindingRow> {
  const product = await shop.env.model('product.product').create({ name });
  return exporter().binder.createBinding(product.id as number);
}

function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** Wait until a session of this database waits for a lock (the racing insert is blocked). */
async function waitForLockWaiter(): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ waiting: string }>`select count(*) as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(shop.db);
    if (Number(rows[0]?.waiting) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const creates = () => api.calls.filter((call) => call.method === 'create').length;

describe('exporter row lock', () => {
  it('fails at once with a retryable RecordLockedError while another transaction holds the row', async () => {
    const binding = await newBinding('Held');
    const before = creates();
    await shop.db.transaction().execute(async (trx) => {
      await sql`select id from shop_product_binding where id = ${binding.id} for update`.execute(
        trx,
      );
      const error = await exporter()
        .run(binding)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RecordLockedError);
      expect(RetryableJobError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        during: 'export',
        ids: [binding.id],
        ignoreRetry: false,
        seconds: undefined,
      });
      expect((error as Error).message).toContain(
        'A concurrent job is already exporting the same record',
      );
    });
    expect(creates()).toBe(before);
    expect((await exporter().run(binding)).status).toBe('created');
  });

  it('lets one of two concurrent exports of a binding create it in the backend', async () => {
    const binding = await newBinding('Twice');
    const inside = gate();
    const release = gate();
    api.before(async (call) => {
      if (call.method === 'create' && call.data?.['name'] === 'Twice') {
        inside.open();
        await release.wait;
      }
    });
    try {
      const first = exporter().run(binding);
      await inside.wait;
      await expect(exporter().run(binding)).rejects.toBeInstanceOf(RecordLockedError);
      release.open();
      expect((await first).status).toBe('created');
    } finally {
      api.clearHooks();
    }
    expect(api.records('products').filter((record) => record['name'] === 'Twice')).toHaveLength(1);
    expect((await exporter().run(binding)).status).toBe('updated');
  });
});

describe('dependency bindings and unique violations', () => {
  it('turns a concurrent creation of the same binding into a retryable ConcurrentCreateError', async () => {
    const category = await shop.env.model('product.category').create({ name: 'Contended' });
    const binding = await newBinding('Parent');
    const inserted = gate();
    const commit = gate();
    const other = shop.db.transaction().execute(async (trx) => {
      await sql`insert into shop_category_binding (backend_id, record_id) values (${backend.id}, ${category.id})`.execute(
        trx,
      );
      inserted.open();
      await commit.wait;
    });
    await inserted.wait;
    const racing = exporter();
    await racing.binder.readBinding(binding.id).then((row) => {
      racing.binding = row;
    });
    const attempt = racing
      .exportDependency(
        { model: 'product.category', id: category.id as number },
        'shop.category.binding',
      )
      .catch((e: unknown) => e);
    await waitForLockWaiter();
    commit.open();
    await other;
    const error = await attempt;
    expect(error).toBeInstanceOf(ConcurrentCreateError);
    expect(RetryableJobError.isInstance(error)).toBe(true);
    expect((error as ConcurrentCreateError).constraint).toBe(
      'shop_category_binding_backend_record_uniq',
    );
    expect(
      await shop.env
        .model('shop.category.binding')
        .searchCount({ record_id: category.id as number }),
    ).toBe(1);
    // the retry uses the binding the other job created, and exports it
    await exporter().exportDependency(
      { model: 'product.category', id: category.id as number },
      'shop.category.binding',
    );
    const bound = await shop.env
      .model('shop.category.binding')
      .search({ record_id: category.id as number });
    expect(bound[0]?.['external_id']).not.toBeNull();
  });
});

describe('record locker', () => {
  function locker(target: Backend = backend): RecordLockerComponent {
    return target.workOn('product.product').component({ usage: 'record.locker' });
  }

  it('locks rows of the work model, failing fast with a retryable error when taken', async () => {
    const product = await shop.env.model('product.product').create({ name: 'Lockable' });
    await shop.env.transaction(async (tx) => {
      await locker(backend.withEnv(tx)).lock([product.id as number]);
      const error = await shop.env
        .transaction((other) =>
          locker(backend.withEnv(other)).lock([{ id: product.id as number }], { seconds: 5 }),
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RecordLockedError);
      expect(error).toMatchObject({
        during: 'lock',
        model: 'product.product',
        seconds: 5,
        ignoreRetry: true,
      });
      expect((error as Error).message).toContain(
        'A concurrent job is already working on the same record',
      );
    });
    await shop.env.transaction((tx) => locker(backend.withEnv(tx)).lock([product.id as number]));
  });

  it('does nothing for an empty list and needs a transaction otherwise', async () => {
    await expect(locker().lock([])).resolves.toBeUndefined();
    await expect(locker().lock([1])).rejects.toBeInstanceOf(ConnectorConfigError);
  });

  it('is found for any backend and model', () => {
    expect(backend.workOn('sale.order').component({ usage: 'record.locker' }).componentName).toBe(
      'base.record.locker',
    );
  });
});
