import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopAddon } from './__fixtures__/shop-addon.js';
import { shopDatabase, type ShopDatabase } from './__fixtures__/shop-env.js';
import { Env } from './env.js';

declare module './env-context.js' {
  interface EnvContext {
    readonly connectorNoExport?: boolean;
    readonly secret?: string;
  }
}

let shop: ShopDatabase;
beforeAll(async () => {
  shop = await shopDatabase('env', [shopAddon]);
});
afterAll(async () => {
  await shop.drop();
});

describe('Env', () => {
  it('derives envs with another context or user, leaving the original unchanged', () => {
    const env = shop.env.withContext({ lang: 'fr_BE' });
    const quiet = env.withContext({ connectorNoExport: true });
    expect(env.context).toEqual({ lang: 'fr_BE' });
    expect(quiet.context).toEqual({ lang: 'fr_BE', connectorNoExport: true });
    expect(Object.isFrozen(quiet.context)).toBe(true);
    expect(quiet.withContext({ lang: undefined }).context).toEqual({ connectorNoExport: true });
    const other = quiet.withUser(42, 7);
    expect([other.userId, other.companyId, other.context]).toEqual([42, 7, quiet.context]);
    expect([shop.env.userId, shop.env.companyId]).toEqual([1, undefined]);
  });

  it('snapshots user, company and allow-listed context, and restores only allowed keys', () => {
    const env = shop.env
      .withUser(5, 2)
      .withContext({ connectorNoExport: true, secret: 's3cret', lang: 'en' });
    const snapshot = env.snapshot(['connectorNoExport', 'lang']);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual({
      userId: 5,
      companyId: 2,
      context: { connectorNoExport: true, lang: 'en' },
    });
    const tampered = { ...snapshot, context: { ...snapshot.context, secret: 'injected' } };
    const restored = Env.restore(shop.env, tampered, ['connectorNoExport']);
    expect([restored.userId, restored.companyId, restored.context]).toEqual([
      5,
      2,
      { connectorNoExport: true },
    ]);
    expect(restored.models).toBe(shop.env.models);
  });

  it('binds a child env to the transaction and commits it', async () => {
    expect(shop.env.inTransaction).toBe(false);
    const id = await shop.env.transaction(async (tx) => {
      expect(tx.inTransaction).toBe(true);
      expect(tx.userId).toBe(shop.env.userId);
      const partner = await tx.model('res.partner').create({ name: 'committed' });
      return partner['id'] as number;
    });
    expect(await shop.env.model('res.partner').browse(id)).toHaveLength(1);
  });

  it('caches the model API per env', () => {
    expect(shop.env.model('res.partner')).toBe(shop.env.model('res.partner'));
  });

  it('creates without listeners in a single statement (no transaction needed)', async () => {
    const created = await shop.env.model('sale.order').create([{ name: 'A' }, { name: 'B' }]);
    expect(created.map((o) => o['state'])).toEqual(['draft', 'draft']);
  });
});
