import { buildAppRegistries, createEnv, migrate } from '@bindery/model';
import type { Kysely } from 'kysely';
import { appAddons } from './app-addons.ts';
import { auditLog } from './catalog-addon.ts';
import { openDatabase } from './database.ts';

/** What the data tour did, returned so that a test can check it. */
export interface DataTourResult {
  readonly applied: readonly string[];
  readonly productCount: number;
  readonly audit: readonly string[];
}

/** Migrate the catalogue, create or update a product through the record API, count products. */
export async function dataTour(url: string): Promise<DataTourResult> {
  const db = openDatabase(url);
  try {
    const registries = buildAppRegistries(appAddons, { key: 'shop-sync' });
    const report = await migrate(db as unknown as Kysely<unknown>, registries.addons);
    const env = createEnv({ db, registries, userId: 1 });
    auditLog.length = 0;
    await env.transaction(async (tx) => {
      const products = tx.model('product.product');
      const [existing] = await products.search({ default_code: 'TOUR-1' });
      if (existing === undefined)
        await products.create({ name: 'Tour mug', default_code: 'TOUR-1', list_price: '9.90' });
      else await products.write(existing.id, { list_price: '10.90' });
    });
    return {
      applied: report.applied.map((m) => `${m.addon}/${m.name}`),
      productCount: await env.model('product.product').searchCount(),
      audit: [...auditLog],
    };
  } finally {
    await db.destroy();
  }
}
