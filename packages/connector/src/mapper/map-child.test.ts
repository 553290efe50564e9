import { defineComponent, extendComponent } from '@bindery/component';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import type { Backend } from '../backend/backend.js';
import type { MapperComponent } from './base-mapper.js';
import { ChildCommands } from './child-commands.js';
import { ExportMapChild } from './export-map-child.js';
import { ExportMapper } from './export-mapper.js';
import { ImportMapChild } from './import-map-child.js';
import type { MapRecord } from './map-record.js';
import type { ChildMapping, DirectMapping, MapOptions, MappedValues } from './mapper-types.js';
import { mapping, onlyCreate } from './mapping-decorators.js';

const LineCreated = extendComponent(
  'shop.order.line.import.mapper',
  (Base) =>
    class extends Base {
      @mapping
      @onlyCreate
      created(): MappedValues {
        return { created: true };
      }
    },
);

const SkippingLines = defineComponent(
  {
    name: 'test.line.map.child',
    inherit: ImportMapChild,
    usage: 'import.map.child',
    collection: 'shop.backend',
    applyOn: 'sale.order.line',
  },
  (Base) =>
    class extends Base {
      override skipItem(mapRecord: MapRecord): boolean {
        return mapRecord.source['qty'] === 0;
      }

      override async getItemValues(
        mapRecord: MapRecord,
        toAttr: string,
        options: MapOptions,
      ): Promise<MappedValues> {
        if (mapRecord.source['drop'] === true) return {};
        expect(mapRecord.parent?.source['name']).toBe('SO');
        return { ...(await super.getItemValues(mapRecord, toAttr, options)), toAttr };
      }
    },
);

const OrderExportMapper = defineComponent(
  {
    name: 'test.order.export.mapper',
    inherit: ExportMapper,
    applyOn: 'shop.order.binding',
    collection: 'shop.backend',
  },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [['name', 'reference']];
      override children: readonly ChildMapping[] = [['lines', 'items', 'sale.order.line']];
    },
);

const LineExportMapper = defineComponent(
  {
    name: 'test.line.export.mapper',
    inherit: ExportMapper,
    applyOn: 'sale.order.line',
    collection: 'shop.backend',
  },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [
        ['product', 'sku'],
        ['qty', 'quantity'],
      ];
    },
);

let shop: ShopDatabase;
let backend: Backend;

beforeAll(async () => {
  shop = await shopDatabase({
    extra: [LineCreated, SkippingLines, OrderExportMapper, LineExportMapper],
  });
  ({ backend } = await shop.newBackend());
});
afterAll(() => shop.drop());

const order = {
  name: 'SO',
  lines: [
    { product: 'Pen', qty: 1, price: '2' },
    { product: 'Nothing', qty: 0, price: '0' },
    { product: 'Dropped', qty: 5, drop: true },
    { product: 'Ink', qty: 3, price: null },
  ],
};

function orderMapper(usage: 'import.mapper' | 'export.mapper' = 'import.mapper'): MapperComponent {
  return backend.workOn('shop.order.binding').component({ usage });
}

describe('children', () => {
  it('maps items with the item model mapper: skipped and empty items are dropped, lines created', async () => {
    const values = await orderMapper().mapRecord(order).values({ forCreate: true });
    const lines = values['line_ids'];
    expect(ChildCommands.isInstance(lines)).toBe(true);
    expect((lines as ChildCommands).create.map((line) => line.values)).toEqual([
      { product: 'Pen', qty: 1, price: '2', created: true, toAttr: 'line_ids' },
      { product: 'Ink', qty: 3, price: null, created: true, toAttr: 'line_ids' },
    ]);
    expect((lines as ChildCommands).update).toEqual([]);
  });

  it('passes forCreate to item mappers but not the fields filter', async () => {
    const values = await orderMapper()
      .mapRecord(order)
      .values({ fields: ['lines'] });
    expect(values).not.toHaveProperty('name');
    const first = (values['line_ids'] as ChildCommands).create[0]?.values;
    expect(first).toEqual({ product: 'Pen', qty: 1, price: '2', toAttr: 'line_ids' });
  });

  it('skips the children when the fields filter does not name their source', async () => {
    expect(
      await orderMapper()
        .mapRecord(order)
        .values({ fields: ['name'] }),
    ).toEqual({ name: 'SO' });
  });

  it('treats missing or null children as no items', async () => {
    expect(
      ((await orderMapper().mapRecord({ name: 'SO' }).values())['line_ids'] as ChildCommands)
        .create,
    ).toEqual([]);
    expect(
      (
        (await orderMapper().mapRecord({ name: 'SO', lines: null }).values())[
          'line_ids'
        ] as ChildCommands
      ).create,
    ).toEqual([]);
  });

  it('falls back to the default export map child, which returns the list of payloads', async () => {
    const values = await orderMapper('export.mapper').mapRecord(order).values();
    expect(values).toEqual({
      reference: 'SO',
      items: [
        { sku: 'Pen', quantity: 1 },
        { sku: 'Nothing', quantity: 0 },
        { sku: 'Dropped', quantity: 5 },
        { sku: 'Ink', quantity: 3 },
      ],
    });
    const fallback = backend.workOn('sale.order.line').componentByName('base.map.child.export');
    expect(fallback.componentName).toBe('base.map.child.export');
    expect(ExportMapChild.name).toBe('base.map.child.export');
  });
});
