import { defineAddon, defineComponent } from '@bindery/component';
import { field, defineModel } from '@bindery/model';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import type { Backend } from '../backend/backend.js';
import { connectorAddon } from '../connector-addon.js';
import { MappingError } from '../errors/mapping-error.js';
import { NotImplementedError } from '../errors/not-implemented-error.js';
import type { MapperComponent } from './base-mapper.js';
import { convert } from './convert-modifier.js';
import { toBoolean, toDate, toInteger, toNumber, toText } from './converters.js';
import { ExportMapper } from './export-mapper.js';
import { externalToM2o } from './external-to-m2o-modifier.js';
import { followM2oRelations } from './follow-m2o-relations-modifier.js';
import { ImportMapper } from './import-mapper.js';
import { m2oToExternal } from './m2o-to-external-modifier.js';
import type { DirectMapping, MappedValues, SourceRecord } from './mapper-types.js';
import { changedBy, mapping, onlyCreate } from './mapping-decorators.js';
import { defineModifier } from './modifier.js';
import { none } from './none-modifier.js';

const Review = defineModel({
  name: 'shop.review',
  fields: { text: field.text(), product_binding_id: field.many2one('shop.product.binding') },
});

const TestImportMapper = defineComponent(
  { name: 'test.import.mapper', inherit: ImportMapper, applyOn: 'test.source' },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [
        ['name', 'name'],
        ['zero', 'zero'],
        ['empty', 'empty'],
        ['flag', 'flag'],
        ['missing', 'missing'],
        [none(convert('count', toInteger)), 'count'],
        [
          defineModifier('code', 'upper', (_m, record) =>
            (typeof record['code'] === 'string' ? record['code'] : '').toUpperCase(),
          ),
          'code',
        ],
      ];

      @mapping
      @onlyCreate
      created(): MappedValues {
        return { created: true };
      }

      @mapping
      @changedBy('name')
      title(record: SourceRecord): MappedValues | null {
        return typeof record['name'] === 'string' ? { title: record['name'].toUpperCase() } : null;
      }

      @mapping
      always(): MappedValues {
        return { always: this.options['custom'] ?? 'none' };
      }

      @mapping
      explode(record: SourceRecord): unknown {
        if (record['explode'] === 'throw') throw new Error('boom');
        return record['explode'] === 'number' ? 42 : undefined;
      }

      override finalize(_mapRecord: unknown, values: MappedValues): MappedValues {
        return { ...values, finalized: true };
      }
    },
);

const ReviewImportMapper = defineComponent(
  { name: 'test.review.import.mapper', inherit: ImportMapper, applyOn: 'shop.review' },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [
        ['text', 'text'],
        ['product', 'product_binding_id'],
      ];
    },
);

const ReviewExportMapper = defineComponent(
  { name: 'test.review.export.mapper', inherit: ExportMapper, applyOn: 'shop.review' },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [
        ['text', 'text'],
        ['product_binding_id', 'product'],
        [m2oToExternal('product_binding_id'), 'again'],
      ];
    },
);

const ProductFollowMapper = defineComponent(
  { name: 'test.follow.mapper', inherit: ExportMapper, applyOn: 'shop.product.binding' },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [
        [followM2oRelations('categ_id.parent_id.name'), 'grand_parent'],
      ];
    },
);

const reviewAddon = defineAddon({
  name: 'test-review',
  depends: [connectorAddon],
  models: [Review],
  migrations: [
    {
      name: '0001_review',
      up: async (db) => {
        await sql`create table shop_review (id serial primary key, text text, product_binding_id integer)`.execute(
          db,
        );
      },
    },
  ],
});

let shop: ShopDatabase;
let backend: Backend;

beforeAll(async () => {
  shop = await shopDatabase({
    extra: [TestImportMapper, ReviewImportMapper, ReviewExportMapper, ProductFollowMapper],
    addons: [reviewAddon],
  });
  ({ backend } = await shop.newBackend());
});
afterAll(() => shop.drop());

function mapper(
  model: string,
  usage: 'import.mapper' | 'export.mapper' = 'import.mapper',
): MapperComponent {
  return backend.workOn(model).component({ usage });
}

describe('import mapper', () => {
  const source = {
    name: 'pen',
    zero: 0,
    empty: '',
    flag: false,
    count: '3',
    code: 'ab',
    extra: 'ignored',
  };

  it('maps direct fields, keeping 0, "" and false, with null for missing or null values', async () => {
    const values = await mapper('test.source').mapRecord(source).values({ forCreate: true });
    expect(values).toEqual({
      name: 'pen',
      zero: 0,
      empty: '',
      flag: false,
      missing: null,
      count: 3,
      code: 'AB',
      created: true,
      title: 'PEN',
      always: 'none',
      finalized: true,
    });
  });

  it('runs onlyCreate mappings only for creations', async () => {
    const values = await mapper('test.source').mapRecord(source).values();
    expect(values).not.toHaveProperty('created');
  });

  it('filters by fields: direct sources, changedBy, and methods without changedBy always', async () => {
    const values = await mapper('test.source')
      .mapRecord(source)
      .values({ fields: ['count'] });
    expect(values).toEqual({ count: 3, always: 'none', finalized: true });
    const named = await mapper('test.source')
      .mapRecord(source)
      .values({ fields: ['name'] });
    expect(named).toMatchObject({ name: 'pen', title: 'PEN' });
  });

  it('passes custom options to mappings, and restores the options even after a failure', async () => {
    const m = mapper('test.source');
    expect((await m.mapRecord(source).values({ custom: 'yes' }))['always']).toBe('yes');
    await expect(
      m.mapRecord({ ...source, explode: 'throw' }).values({ custom: 'no' }),
    ).rejects.toThrow('boom');
    expect(m.options).toEqual({});
  });

  it('refuses a mapping method that returns something else than an object', async () => {
    const error = await mapper('test.source')
      .mapRecord({ explode: 'number' })
      .values()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'invalid-result', field: 'explode', value: 42 });
  });

  it('recomputes on every values() call, with forced values on top of everything', async () => {
    const mapRecord = mapper('test.source').mapRecord(source);
    mapRecord.update({ name: 'forced', finalized: 'forced too' });
    mapRecord.update({ extra: 1 });
    const first = await mapRecord.values();
    const second = await mapRecord.values({ forCreate: true });
    expect(first).toMatchObject({
      name: 'forced',
      finalized: 'forced too',
      extra: 1,
      title: 'PEN',
    });
    expect(second).toMatchObject({ name: 'forced', created: true });
    expect(first).not.toBe(second);
  });

  it('reports a converter failure as a MappingError with the field and value', async () => {
    const error = await mapper('test.source')
      .mapRecord({ count: 'three' })
      .values()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'invalid-value', field: 'count', value: 'three' });
  });

  it('lists the fields that change the output, children included', () => {
    expect([...mapper('test.source').changedByFields()].sort()).toEqual([
      'code',
      'count',
      'empty',
      'flag',
      'missing',
      'name',
      'zero',
    ]);
    expect([...mapper('shop.order.binding').changedByFields()].sort()).toEqual([
      'lines',
      'name',
      'note',
    ]);
  });

  it('converts external ids to binding ids for many2one fields to binding models, explicitly or not', async () => {
    const products = backend.workOn('shop.product.binding').component({ usage: 'binder' });
    const product = await shop.env.model('product.product').create({ name: 'Reviewed' });
    const binding = await products.bind('RP1', await products.createBinding(product.id as number));
    const values = await mapper('shop.review').mapRecord({ text: 't', product: 'RP1' }).values();
    expect(values).toEqual({ text: 't', product_binding_id: binding.id });
    const explicit = externalToM2o('product', { binding: 'shop.product.binding' });
    const reviewMapper = mapper('shop.review');
    await expect(
      Promise.resolve(explicit.apply(reviewMapper, { product: 'RP1' }, 'product_binding_id')),
    ).resolves.toBe(product.id);
    await expect(
      Promise.resolve(
        externalToM2o('product').apply(reviewMapper, { product: 'RP1' }, 'product_binding_id'),
      ),
    ).resolves.toBe(binding.id);
    await expect(
      mapper('shop.review').mapRecord({ product: 'NOPE' }).values(),
    ).rejects.toMatchObject({
      code: 'unknown-external-id',
      value: 'NOPE',
    });
  });

  it('refuses externalToM2o on a field that is not a many2one', async () => {
    const m = mapper('shop.review');
    const modifier = externalToM2o('product');
    await expect(
      Promise.resolve(modifier.apply(m, { product: 'RP1' }, 'text')),
    ).rejects.toMatchObject({ code: 'not-many2one' });
  });
});

describe('export mapper', () => {
  it('requires the mapped keys and converts binding relations to external ids', async () => {
    const products = backend.workOn('shop.product.binding').component({ usage: 'binder' });
    const product = await shop.env.model('product.product').create({ name: 'Exported' });
    const binding = await products.bind('EP1', await products.createBinding(product.id as number));
    const values = await mapper('shop.review', 'export.mapper')
      .mapRecord({ text: 'x', product_binding_id: binding.id })
      .values();
    expect(values).toEqual({ text: 'x', product: 'EP1', again: 'EP1' });
    const empty = await mapper('shop.review', 'export.mapper')
      .mapRecord({ text: null, product_binding_id: null })
      .values();
    expect(empty).toEqual({ text: null, product: null, again: null });
    await expect(
      mapper('shop.review', 'export.mapper').mapRecord({ text: 'x' }).values(),
    ).rejects.toMatchObject({
      code: 'unknown-field',
      field: 'product_binding_id',
    });
  });

  it('follows many2one relations along a dotted path, selected by its first segment', async () => {
    const root = await shop.env.model('product.category').create({ name: 'Root' });
    const child = await shop.env
      .model('product.category')
      .create({ name: 'Child', parent_id: root.id });
    const m = backend
      .workOn('shop.product.binding')
      .componentByName('test.follow.mapper') as unknown as MapperComponent;
    expect(await m.mapRecord({ categ_id: child.id }).values()).toEqual({ grand_parent: 'Root' });
    expect(await m.mapRecord({ categ_id: root.id }).values()).toEqual({ grand_parent: null });
    expect(await m.mapRecord({ categ_id: null }).values()).toEqual({ grand_parent: null });
    expect(await m.mapRecord({ categ_id: child.id }).values({ fields: ['categ_id'] })).toEqual({
      grand_parent: 'Root',
    });
    expect(await m.mapRecord({ categ_id: child.id }).values({ fields: ['name'] })).toEqual({});
    expect([...m.changedByFields()]).toEqual(['categ_id.parent_id.name']);
  });
});

describe('converters', () => {
  it('convert strictly', () => {
    expect(toNumber('1.5')).toBe(1.5);
    expect(() => toNumber('x')).toThrow();
    expect(() => toNumber('')).toThrow();
    expect(toInteger(3)).toBe(3);
    expect(() => toInteger(3.5)).toThrow();
    expect(toBoolean('false')).toBe(false);
    expect(toBoolean(1)).toBe(true);
    expect(() => toBoolean('yes')).toThrow();
    expect(toText(7)).toBe('7');
    expect(() => toText({})).toThrow();
    expect(toDate('2024-01-02T00:00:00Z').toISOString()).toBe('2024-01-02T00:00:00.000Z');
    expect(() => toDate('not a date')).toThrow();
  });

  it('leave mapDirect and the CRUD methods to concrete components', async () => {
    const abstractMapper = backend.workOn('test.source').componentByName('base.mapper');
    expect(() => abstractMapper.mapDirect({}, 'a', 'b')).toThrow(NotImplementedError);
    const adapter = backend.workOn('test.source').componentByName('base.backend.adapter.crud');
    await expect(adapter.read('1')).rejects.toBeInstanceOf(NotImplementedError);
    await expect(adapter.search()).rejects.toMatchObject({
      method: 'search',
      component: 'base.backend.adapter.crud',
    });
  });
});
