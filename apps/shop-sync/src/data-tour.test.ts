import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@bindery/model/test';
import { dataTour } from './data-tour.ts';

let database: TestDatabase<unknown>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('data tour', () => {
  it('migrates once, creates the product, then updates it on the next run', async () => {
    const first = await dataTour(database.url);
    expect(first.applied).toEqual(['shop-sync-catalog/0001_product']);
    expect(first.productCount).toBe(1);
    expect(first.audit).toEqual(['created product 1 (name, default_code, list_price)']);
    const second = await dataTour(database.url);
    expect(second.applied).toEqual([]);
    expect(second.productCount).toBe(1);
    expect(second.audit).toEqual(['wrote product 1: list_price']);
  });
});
