import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import { ConnectorConfigError } from '../errors/connector-config-error.js';
import { advisoryLockKey, pgTryAdvisoryLock, pgTryAdvisoryLocks } from './advisory-lock.js';

let shop: ShopDatabase;

beforeAll(async () => {
  shop = await shopDatabase();
});
afterAll(() => shop.drop());

describe('advisory lock keys', () => {
  it('are the signed little-endian int64 of the first 8 bytes of SHA-1, as upstream computes them', () => {
    expect(advisoryLockKey('import_record(magento.backend, 1, magento.product.product, 42)')).toBe(
      -5551913769011827339n,
    );
    expect(advisoryLockKey('import(shop.backend, 1, shop.product.binding, P1)')).toBe(
      8202662547722508885n,
    );
    expect(advisoryLockKey('ü')).toBe(3482535096175142804n);
  });
});

describe('pgTryAdvisoryLock', () => {
  it('is transactional, re-entrant in its transaction, and refused at once to another one', async () => {
    await shop.env.transaction(async (tx) => {
      expect(await pgTryAdvisoryLock(tx, 'lock-a')).toBe(true);
      expect(await pgTryAdvisoryLock(tx, 'lock-a')).toBe(true);
      await shop.env.transaction(async (other) => {
        expect(await pgTryAdvisoryLock(other, 'lock-a')).toBe(false);
        expect(await pgTryAdvisoryLock(other, 'lock-b')).toBe(true);
        expect(await pgTryAdvisoryLocks(other, ['lock-b', 'lock-a', 'lock-c'])).toEqual(['lock-a']);
      });
    });
    // released with the transaction
    await shop.env.transaction(async (tx) => {
      expect(await pgTryAdvisoryLock(tx, 'lock-a')).toBe(true);
    });
  });

  it('uses the same key as PostgreSQL sees it', async () => {
    await shop.env.transaction(async (tx) => {
      await pgTryAdvisoryLock(tx, 'visible');
      const { rows } = await sql<{
        key: string;
      }>`select ((classid::bigint << 32) | objid::bigint)::text as key
        from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`.execute(tx.db);
      const key = advisoryLockKey('visible');
      expect(rows.map((row) => BigInt.asIntN(64, BigInt(row.key)))).toContain(key);
    });
  });

  it('needs a transaction', async () => {
    await expect(pgTryAdvisoryLock(shop.env, 'outside')).rejects.toBeInstanceOf(
      ConnectorConfigError,
    );
    await expect(pgTryAdvisoryLocks(shop.env, ['outside'])).rejects.toBeInstanceOf(
      ConnectorConfigError,
    );
    expect(await pgTryAdvisoryLocks(shop.env, [])).toEqual([]);
  });
});
