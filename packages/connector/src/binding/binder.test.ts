import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import type { Backend } from '../backend/backend.js';
import { ConcurrentCreateError } from '../errors/concurrent-create-error.js';
import { InvalidExternalIdError } from '../errors/invalid-external-id-error.js';
import { MissingBindingError } from '../errors/missing-binding-error.js';
import { UnwrapModelError } from '../errors/unwrap-model-error.js';
import type { BinderComponent } from '../typed-components.js';

let shop: ShopDatabase;
let backend: Backend;
let other: Backend;

beforeAll(async () => {
  shop = await shopDatabase();
  backend = (await shop.newBackend('main')).backend;
  other = (await shop.newBackend('other')).backend;
});
afterAll(() => shop.drop());

function binderOf(target: Backend, model = 'shop.product.binding'): BinderComponent {
  return target.workOn(model).component({ usage: 'binder' });
}

async function product(name: string): Promise<number> {
  const row = await shop.env.model('product.product').create({ name });
  return row.id as number;
}

describe('binder', () => {
  it('is the backend-specific binder of the binding model', () => {
    expect(binderOf(backend).componentName).toBe('shop.binder');
  });

  it('creates, binds and finds bindings in both directions', async () => {
    const binder = binderOf(backend);
    const recordId = await product('Pen');
    const created = await binder.createBinding(recordId);
    expect(created.external_id).toBeNull();
    expect(await binder.toExternal(created)).toBeUndefined();
    const before = Date.now();
    const bound = await binder.bind('P-1', created.id);
    expect(bound.external_id).toBe('P-1');
    expect((bound.sync_date as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);

    expect((await binder.toInternal('P-1'))?.id).toBe(created.id);
    expect((await binder.toInternal('P-1', { unwrap: true }))?.id).toBe(recordId);
    expect(await binder.toExternal(created.id)).toBe('P-1');
    expect(await binder.toExternal(recordId, { wrap: true })).toBe('P-1');
    expect(await binder.toInternal('nope')).toBeUndefined();
    expect(await binder.toInternal('nope', { unwrap: true })).toBeUndefined();
  });

  it('returns undefined for a local record without binding (wrap)', async () => {
    expect(
      await binderOf(backend).toExternal(await product('Unbound'), { wrap: true }),
    ).toBeUndefined();
  });

  it('stores external ids as text: numbers are stringified, 0 is valid', async () => {
    const binder = binderOf(backend);
    const zero = await binder.createBinding(await product('Zero'));
    await binder.bind(0, zero);
    expect(await binder.toExternal(zero.id)).toBe('0');
    expect((await binder.toInternal(0))?.id).toBe(zero.id);
    const ninetyNine = await binder.createBinding(await product('99'));
    await binder.bind(99, ninetyNine);
    expect((await binder.toInternal('99'))?.id).toBe(ninetyNine.id);
    expect((await binder.toInternal(99))?.id).toBe(ninetyNine.id);
  });

  it('refuses empty external ids', async () => {
    const binder = binderOf(backend);
    const binding = await binder.createBinding(await product('Empty'));
    for (const bad of ['', null, undefined, Number.NaN, {}]) {
      await expect(binder.bind(bad as string, binding)).rejects.toBeInstanceOf(
        InvalidExternalIdError,
      );
    }
    expect(() => binder.normalizeExternalId('')).toThrow(InvalidExternalIdError);
  });

  it('keeps bindings per backend: the same external id on two backends', async () => {
    const a = binderOf(backend);
    const b = binderOf(other);
    const recordId = await product('Shared');
    await a.bind('SHARED', await a.createBinding(recordId));
    await b.bind('SHARED', await b.createBinding(recordId));
    expect((await a.toInternal('SHARED'))?.backend_id).toBe(backend.id);
    expect((await b.toInternal('SHARED'))?.backend_id).toBe(other.id);
  });

  it('allows one binding per backend in each direction (retryable on conflict)', async () => {
    const binder = binderOf(backend);
    const recordId = await product('Unique');
    const binding = await binder.createBinding(recordId);
    await binder.bind('U-1', binding);
    await expect(binder.createBinding(recordId)).rejects.toBeInstanceOf(ConcurrentCreateError);
    const second = await binder.createBinding(await product('Unique 2'));
    const error = await binder.bind('U-1', second).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrentCreateError);
    expect((error as ConcurrentCreateError).constraint).toBe(
      'shop_product_binding_backend_external_uniq',
    );
    expect(await binder.toExternal(second.id)).toBeUndefined();
  });

  it('unwraps bindings and models', async () => {
    const binder = binderOf(backend);
    const recordId = await product('Wrapped');
    const binding = await binder.createBinding(recordId);
    expect(binder.unwrapModel()).toBe('product.product');
    expect((await binder.unwrapBinding(binding)).id).toBe(recordId);
    expect((await binder.unwrapBinding(binding.id))['name']).toBe('Wrapped');
    await expect(binder.unwrapBinding(999_999)).rejects.toBeInstanceOf(MissingBindingError);
    await expect(binder.bind('X', 999_999)).rejects.toBeInstanceOf(MissingBindingError);
  });

  it('cannot unwrap a direct binding, which binds like any other', async () => {
    const binder = binderOf(backend, 'shop.note.binding');
    expect(() => binder.unwrapModel()).toThrow(UnwrapModelError);
    const note = await binder.createBinding(undefined, { body: 'hello' });
    await binder.bind('N-1', note);
    expect((await binder.toInternal('N-1'))?.['body']).toBe('hello');
    await expect(binder.toInternal('N-1', { unwrap: true })).rejects.toBeInstanceOf(
      UnwrapModelError,
    );
  });

  it('bind() writes with connectorNoExport, so listeners skip it', async () => {
    const binder = binderOf(backend);
    const binding = await binder.createBinding(await product('Quiet'));
    const { trapJobs } = await import('@bindery/queue-job/test');
    using trap = trapJobs(shop.queue);
    await binder.bind('Q-1', binding);
    expect(trap.jobsCount()).toBe(0);
    await shop.env.model('shop.product.binding').write(binding.id, { shop_status: 'changed' });
    expect(trap.jobsCount()).toBe(1);
  });
});
