import { EventListenerError } from '@bindery/component-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failOn, listenersAddon, seen } from './__fixtures__/shop-addon.js';
import { shopDatabase, type ShopDatabase } from './__fixtures__/shop-env.js';
import { ConstraintError } from './errors/constraint-error.js';
import { FieldValueError } from './errors/field-value-error.js';
import { MissingRecordError } from './errors/missing-record-error.js';
import { UnknownFieldError } from './errors/unknown-field-error.js';
import { UnknownModelError } from './errors/unknown-model-error.js';

let shop: ShopDatabase;
beforeAll(async () => {
  shop = await shopDatabase('api', [listenersAddon]);
});
afterAll(async () => {
  await shop.drop();
});
beforeEach(() => {
  seen.length = 0;
  delete failOn.event;
  delete failOn.model;
});

const partners = () => shop.env.model('res.partner');
const orders = () => shop.env.model('sale.order');

describe('create', () => {
  it('creates one record and returns it, converting values', async () => {
    const partner = await partners().create({
      name: 'Ada',
      credit: 12.5,
      birthday: '1815-12-10',
      last_seen: new Date('2026-01-02T03:04:05Z'),
      meta: { tags: ['vip'], n: 1 },
    });
    expect(partner).toMatchObject({
      name: 'Ada',
      credit: '12.50',
      active: true,
      meta: { tags: ['vip'], n: 1 },
    });
    expect(typeof partner['id']).toBe('number');
    expect((partner['last_seen'] as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  it('creates several records in one statement, in order, with one event each carrying its own fields', async () => {
    const created = await partners().create([{ name: 'A', email: 'a@x' }, { name: 'B' }]);
    expect(created.map((p) => p['name'])).toEqual(['A', 'B']);
    const creates = seen.filter((e) => e.event === 'create');
    expect(creates).toEqual([
      { event: 'create', model: 'res.partner', id: created[0]?.['id'], fields: ['name', 'email'] },
      { event: 'create', model: 'res.partner', id: created[1]?.['id'], fields: ['name'] },
    ]);
    expect(Object.isFrozen(creates[0]?.fields)).toBe(true);
  });

  it('returns [] for an empty list without SQL or events', async () => {
    expect(await partners().create([])).toEqual([]);
    expect(seen).toEqual([]);
  });
});

describe('write', () => {
  it('writes several records and fires one event per record, in id order, with the written fields and their previous values', async () => {
    const [a, b] = await partners().create([{ name: 'A', email: 'a@old' }, { name: 'B' }]);
    seen.length = 0;
    const written = await partners().write([b?.['id'] as number, a?.['id'] as number], {
      email: null,
      active: false,
    });
    expect(written.map((p) => p['name'])).toEqual(['B', 'A']);
    expect(written.map((p) => p['active'])).toEqual([false, false]);
    expect(seen).toEqual([
      {
        event: 'write',
        model: 'res.partner',
        id: b?.['id'],
        fields: ['email', 'active'],
        previous: { email: null, active: true },
      },
      {
        event: 'write',
        model: 'res.partner',
        id: a?.['id'],
        fields: ['email', 'active'],
        previous: { email: 'a@old', active: true },
      },
    ]);
    expect(Object.isFrozen(seen[0]?.previous)).toBe(true);
  });

  it('treats a write without values as a no-op: no SQL update, no event, records returned as they are', async () => {
    const p = await partners().create({ name: 'Same' });
    seen.length = 0;
    const result = await partners().write(p['id'] as number, {});
    expect(result).toEqual([p]);
    expect(seen).toEqual([]);
  });

  it('refuses writing the id and missing records, writing nothing', async () => {
    const p = await partners().create({ name: 'Kept' });
    await expect(partners().write(p['id'] as number, { id: 5 } as never)).rejects.toBeInstanceOf(
      FieldValueError,
    );
    await expect(
      partners().write([p['id'] as number, 999_999], { name: 'Changed' }),
    ).rejects.toBeInstanceOf(MissingRecordError);
    expect((await partners().browse(p['id'] as number))[0]?.['name']).toBe('Kept');
  });
});

describe('unlink', () => {
  it('fires onRecordUnlink before the delete, per record, then deletes', async () => {
    const created = await partners().create([{ name: 'X' }, { name: 'Y' }]);
    const ids = created.map((p) => p['id'] as number);
    seen.length = 0;
    expect(await partners().unlink(ids)).toBe(2);
    expect(seen).toEqual(
      ids.map((id) => ({ event: 'unlink', model: 'res.partner', id, stillThere: true })),
    );
    expect(await partners().browse(ids)).toEqual([]);
  });

  it('deletes nothing when one of the records is missing', async () => {
    const p = await partners().create({ name: 'Stays' });
    const error = await partners()
      .unlink([p['id'] as number, 999_998])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingRecordError);
    expect((error as MissingRecordError).ids).toEqual([999_998]);
    expect(await partners().browse(p['id'] as number)).toHaveLength(1);
  });
});

describe('browse, read, search', () => {
  it('browse keeps the order of ids and skips missing ones; read requires them all', async () => {
    const [a, b] = await partners().create([{ name: 'first' }, { name: 'second' }]);
    const ids = [b?.['id'] as number, 777_777, a?.['id'] as number];
    expect((await partners().browse(ids)).map((p) => p['name'])).toEqual(['second', 'first']);
    await expect(partners().read(ids)).rejects.toThrow(MissingRecordError);
    const read = await partners().read([a?.['id'] as number], ['name']);
    expect(read).toEqual([{ id: a?.['id'], name: 'first' }]);
    await expect(partners().read([a?.['id'] as number], ['nope'])).rejects.toBeInstanceOf(
      UnknownFieldError,
    );
  });

  it('searches by equalities, null, Kysely expressions, order, limit and offset', async () => {
    await partners().create([
      { name: 'search-1', email: 's1@x', credit: '5' },
      { name: 'search-2', credit: '15' },
      { name: 'search-3', credit: '25' },
    ]);
    expect((await partners().search({ email: 's1@x' })).map((p) => p['name'])).toEqual([
      'search-1',
    ]);
    const rich = await partners().search(
      (eb) => eb.and([eb('record.credit', '>', '10'), eb('record.name', 'like', 'search-%')]),
      {
        orderBy: [['credit', 'desc']],
      },
    );
    expect(rich.map((p) => p['name'])).toEqual(['search-3', 'search-2']);
    const page = await partners().search((eb) => eb('record.name', 'like', 'search-%'), {
      orderBy: ['name'],
      limit: 1,
      offset: 1,
    });
    expect(page.map((p) => p['name'])).toEqual(['search-2']);
    expect(await partners().searchCount((eb) => eb('record.name', 'like', 'search-%'))).toBe(3);
    expect(await partners().searchCount({ name: 'search-2', email: null })).toBe(1);
    await expect(partners().search({ nope: 1 } as never)).rejects.toBeInstanceOf(UnknownFieldError);
  });
});

describe('bad input: typed errors before SQL, nothing written', () => {
  it('rejects unknown models and fields', async () => {
    expect(() => shop.env.model('no.such.model')).toThrow(UnknownModelError);
    await expect(partners().create({ name: 'x', nope: 1 } as never)).rejects.toThrow(
      "Model 'res.partner' has no field 'nope'.",
    );
  });

  it.each([
    ['name', 42, 'a string'],
    ['credit', 'ten', 'a decimal string'],
    ['active', 'yes', 'a boolean'],
    ['birthday', '2026-02-30', "a 'YYYY-MM-DD' string"],
    ['last_seen', 'not a date', 'a valid Date'],
    ['parent_id', -1, 'a record id'],
    ['meta', 10n, 'a JSON-serialisable value'],
  ])('rejects %s = %o', async (fieldName, value, expected) => {
    const before = await partners().searchCount();
    const error = (await partners()
      .create({ name: 'bad', [fieldName]: value } as never)
      .catch((e: unknown) => e)) as FieldValueError;
    expect(error).toBeInstanceOf(FieldValueError);
    expect(error).toMatchObject({ model: 'res.partner', field: fieldName, value });
    expect(error.expected).toContain(expected);
    expect(await partners().searchCount()).toBe(before);
  });

  it('rejects a missing required field and x2many values', async () => {
    await expect(partners().create({ email: 'no-name@x' } as never)).rejects.toMatchObject({
      field: 'name',
      expected: 'a value (the field is required)',
    });
    await expect(orders().create({ name: 'SO', line_ids: [1] } as never)).rejects.toMatchObject({
      field: 'line_ids',
    });
  });
});

describe('constraint violations become ConstraintError with model, field and value', () => {
  it('unique', async () => {
    await partners().create({ name: 'U1', email: 'dup@x' });
    const error = (await partners()
      .create({ name: 'U2', email: 'dup@x' })
      .catch((e: unknown) => e)) as ConstraintError;
    expect(error).toBeInstanceOf(ConstraintError);
    expect(error).toMatchObject({
      kind: 'unique',
      model: 'res.partner',
      field: 'email',
      value: 'dup@x',
      table: 'res_partner',
    });
  });

  it('foreign key', async () => {
    const error = (await orders()
      .create({ name: 'SO-FK', partner_id: 987_654 })
      .catch((e: unknown) => e)) as ConstraintError;
    expect(error).toMatchObject({
      kind: 'foreign-key',
      model: 'sale.order',
      field: 'partner_id',
      value: '987654',
    });
  });

  it('not null and check', async () => {
    const order = await orders().create({ name: 'SO-NN' });
    await expect(orders().write(order['id'] as number, { state: null })).rejects.toMatchObject({
      kind: 'not-null',
      field: 'state',
    });
    await expect(orders().write(order['id'] as number, { amount: '-1' })).rejects.toMatchObject({
      kind: 'check',
      model: 'sale.order',
    });
  });

  it('restrict on delete', async () => {
    const partner = await partners().create({ name: 'Has orders' });
    await orders().create({ name: 'SO-R', partner_id: partner['id'] as number });
    await expect(partners().unlink(partner['id'] as number)).rejects.toMatchObject({
      kind: 'foreign-key',
    });
  });
});

describe('transactions roll back whole', () => {
  it('rolls back everything done through the transaction env when fn throws', async () => {
    const before = await partners().searchCount();
    await expect(
      shop.env.transaction(async (tx) => {
        await tx.model('res.partner').create({ name: 'in tx' });
        await tx.model('sale.order').create({ name: 'SO-TX', partner_id: 123_456 });
      }),
    ).rejects.toBeInstanceOf(ConstraintError);
    expect(await partners().searchCount()).toBe(before);
  });

  it('rolls a nested transaction back to its savepoint only', async () => {
    await shop.env.transaction(async (tx) => {
      await tx.model('res.partner').create({ name: 'outer' });
      await expect(
        tx.transaction(async (inner) => {
          await inner.model('res.partner').create({ name: 'inner' });
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
    });
    expect(await partners().searchCount({ name: 'outer' })).toBe(1);
    expect(await partners().searchCount({ name: 'inner' })).toBe(0);
  });

  it('rolls back a create when a listener fails, even outside an explicit transaction', async () => {
    failOn.event = 'create';
    const error = await partners()
      .create({ name: 'refused' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventListenerError);
    expect(await partners().searchCount({ name: 'refused' })).toBe(0);
  });

  it('rolls back a write and an unlink when their listener fails', async () => {
    const p = await partners().create({ name: 'before' });
    failOn.event = 'write';
    await expect(partners().write(p['id'] as number, { name: 'after' })).rejects.toBeInstanceOf(
      EventListenerError,
    );
    failOn.event = 'unlink';
    await expect(partners().unlink(p['id'] as number)).rejects.toBeInstanceOf(EventListenerError);
    expect((await partners().browse(p['id'] as number))[0]?.['name']).toBe('before');
  });
});
