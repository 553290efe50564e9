import { RetryableJobError } from '@bindery/queue-job';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import type { Backend } from '../backend/backend.js';
import { AdvisoryLockError } from '../errors/advisory-lock-error.js';
import { ConnectorError } from '../errors/connector-error.js';
import { advisoryLockKey } from '../locks/advisory-lock.js';
import type { RecordImporterComponent } from './generic-importer.js';

let shop: ShopDatabase;
let backend: Backend;

beforeAll(async () => {
  shop = await shopDatabase();
  ({ backend } = await shop.newBackend());
});
afterAll(() => shop.drop());

function importer(): RecordImporterComponent {
  return backend.workOn('shop.product.binding').component({ usage: 'record.importer' });
}

function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

async function counts(externalId: string): Promise<[number, number]> {
  const bindings = await shop.env.model('shop.product.binding').search({ external_id: externalId });
  const products = await shop.env
    .model('product.product')
    .searchCount({ default_code: externalId });
  return [bindings.length, products];
}

describe('importer and the advisory lock', () => {
  it('fails with a retryable AdvisoryLockError while another transaction holds the lock', async () => {
    const data = { id: 'L1', name: 'Locked', sku: 'L1' };
    const key = advisoryLockKey(importer().lockName('L1')).toString();
    await shop.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${key}::bigint)`.execute(trx);
      const error = await importer()
        .run('L1', { data })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AdvisoryLockError);
      expect(ConnectorError.isInstance(error)).toBe(true);
      expect(RetryableJobError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        ignoreRetry: true,
        seconds: 1,
        lock: importer().lockName('L1'),
      });
      expect(await counts('L1')).toEqual([0, 0]);
    });
    // the lock is released with the other transaction: the retry succeeds
    expect((await importer().run('L1', { data })).status).toBe('created');
    expect(await counts('L1')).toEqual([1, 1]);
  });

  it('lets one of two concurrent imports of a new record through; the retry updates it', async () => {
    const data = { id: 'L2', name: 'Race', sku: 'L2' };
    const inside = gate();
    const release = gate();
    const first = importer();
    first.beforeImport = async () => {
      inside.open();
      await release.wait;
    };
    const running = first.run('L2', { data });
    await inside.wait;
    const second = await importer()
      .run('L2', { data })
      .catch((e: unknown) => e);
    expect(second).toBeInstanceOf(AdvisoryLockError);
    release.open();
    expect((await running).status).toBe('created');
    expect((await importer().run('L2', { data })).status).toBe('updated');
    expect(await counts('L2')).toEqual([1, 1]);
  });

  it('re-reads the binding once locked: a record created meanwhile is updated, not duplicated', async () => {
    const data = { id: 'L3', name: 'Late', sku: 'L3' };
    const readFirst = gate();
    const goOn = gate();
    const late = importer();
    const original = late.getBinding.bind(late);
    let calls = 0;
    late.getBinding = async () => {
      const found = await original();
      if (calls++ === 0) {
        readFirst.open();
        await goOn.wait;
      }
      return found;
    };
    const running = late.run('L3', { data });
    await readFirst.wait;
    expect((await importer().run('L3', { data })).status).toBe('created');
    goOn.open();
    expect((await running).status).toBe('updated');
    expect(await counts('L3')).toEqual([1, 1]);
  });

  it('never duplicates bindings when many imports of one record race', async () => {
    const data = { id: 'L4', name: 'Crowd', sku: 'L4' };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => importer().run('L4', { data })),
    );
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected')
        expect(RetryableJobError.isInstance(outcome.reason)).toBe(true);
    }
    expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(await counts('L4')).toEqual([1, 1]);
  });
});
