import { defineComponent } from '@bindery/component';
import type { EventRecord } from '@bindery/component-event';
import { UnknownModelError } from '@bindery/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import type { Backend } from '../backend/backend.js';
import { checkpoints } from './checkpoints.js';

const notified: string[] = [];

const ReviewNotifier = defineComponent(
  {
    name: 'test.checkpoint.notifier',
    inherit: 'base.event.listener',
    applyOn: 'connector.checkpoint',
  },
  (Base) =>
    class extends Base {
      onRecordCreate(record: EventRecord): void {
        notified.push(String(record['message']));
      }
    },
);

let shop: ShopDatabase;
let backend: Backend;
let other: Backend;

beforeAll(async () => {
  shop = await shopDatabase({ extra: [ReviewNotifier] });
  ({ backend } = await shop.newBackend('one'));
  ({ backend: other } = await shop.newBackend('two'));
});
afterAll(() => shop.drop());

describe('checkpoints (review queue)', () => {
  it('adds records to review, with the default message, and notifies listeners', async () => {
    const product = await shop.env.model('product.product').create({ name: 'New' });
    const checkpoint = await checkpoints(shop.env).add({
      model: 'product.product',
      recordId: product.id,
      backend,
    });
    expect(checkpoint).toMatchObject({
      model: 'product.product',
      record_id: product.id,
      backend_model: 'shop.backend',
      backend_id: backend.id,
      state: 'need_review',
      message: 'A Product needs a review.',
      reviewed_at: null,
    });
    expect(checkpoint.created_at).toBeInstanceOf(Date);
    expect(notified).toContain('A Product needs a review.');
    const custom = await checkpoints(shop.env).add({
      model: 'sale.order',
      recordId: 1,
      backend: other.ref,
      message: 'Check the taxes',
    });
    expect(custom.message).toBe('Check the taxes');
  });

  it('refuses an unknown model', async () => {
    await expect(
      checkpoints(shop.env).add({ model: 'no.such.model', recordId: 1, backend }),
    ).rejects.toBeInstanceOf(UnknownModelError);
  });

  it('lists and counts by state, model, record and backend, newest first', async () => {
    await checkpoints(shop.env).add({ model: 'product.product', recordId: 77, backend });
    const queue = checkpoints(shop.env);
    expect(await queue.count({ state: 'need_review' })).toBe(3);
    expect((await queue.list({ model: 'product.product' })).map((c) => c.record_id)).toEqual([
      77,
      expect.any(Number),
    ]);
    expect(await queue.count({ backend: other.ref })).toBe(1);
    expect(await queue.count({ recordId: 77 })).toBe(1);
    expect(await queue.list({}, { limit: 1, offset: 1 })).toHaveLength(1);
  });

  it('marks checkpoints reviewed by the env user, once', async () => {
    const queue = checkpoints(shop.env.withUser(42));
    const todo = await queue.list({ state: 'need_review', model: 'product.product' });
    const reviewed = await queue.markReviewed(todo.map((c) => c.id));
    expect(reviewed).toHaveLength(2);
    expect(reviewed[0]).toMatchObject({ state: 'reviewed', reviewed_by: '42' });
    expect(reviewed[0]?.reviewed_at).toBeInstanceOf(Date);
    expect(await queue.markReviewed(todo.map((c) => c.id))).toEqual([]);
    expect(await queue.markReviewed([])).toEqual([]);
    expect(await queue.count({ state: 'need_review' })).toBe(1);
    expect(await queue.count({ state: 'reviewed' })).toBe(2);
  });
});
