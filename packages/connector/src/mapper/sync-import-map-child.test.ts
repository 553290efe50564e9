import { defineComponent, extendComponent } from '@bindery/component';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderImportMapper } from '../__fixtures__/shop-components.js';
import { shopDatabase, type ShopDatabase } from '../__fixtures__/shop-database.js';
import type { Backend } from '../backend/backend.js';
import type { RecordImporterComponent } from '../synchronizer/generic-importer.js';
import type { ChildMapping } from './mapper-types.js';
import { SyncImportMapChild } from './sync-import-map-child.js';

const SyncedOrderLines = extendComponent(
  OrderImportMapper,
  (Base) =>
    class extends Base {
      override children: readonly ChildMapping[] = [
        ['lines', 'line_ids', 'shop.order.line.binding'],
      ];
    },
);

const LineSync = defineComponent(
  {
    name: 'test.order.line.sync',
    inherit: SyncImportMapChild,
    usage: 'import.map.child',
    collection: 'shop.backend',
    applyOn: 'shop.order.line.binding',
  },
  (Base) => class extends Base {},
);

let shop: ShopDatabase;
let backend: Backend;

beforeAll(async () => {
  shop = await shopDatabase({ extra: [SyncedOrderLines, LineSync] });
  ({ backend } = await shop.newBackend());
});
afterAll(() => shop.drop());

function importer(): RecordImporterComponent {
  return backend.workOn('shop.order.binding').component({ usage: 'record.importer' });
}

async function linesOf(orderExternalId: string): Promise<[string, number | null][]> {
  const order = await importer().binder.toInternal(orderExternalId, { unwrap: true });
  const lines = await shop.env
    .model('sale.order.line')
    .search({ order_id: order?.['id'] as number }, { orderBy: ['product'] });
  return lines.map((line) => [line['product'] as string, line['qty'] as number | null]);
}

async function lineBindings(): Promise<string[]> {
  const rows = await shop.env
    .model('shop.order.line.binding')
    .search({}, { orderBy: ['external_id'] });
  return rows.map((row) => row['external_id'] as string);
}

describe('syncing import map child (opt-in)', () => {
  it('creates lines with their bindings', async () => {
    await importer().run('O1', {
      data: {
        id: 'O1',
        name: 'SO1',
        lines: [
          { id: 'L1', product: 'Pen', qty: 1 },
          { id: 'L2', product: 'Ink', qty: 2 },
        ],
      },
    });
    expect(await linesOf('O1')).toEqual([
      ['Ink', 2],
      ['Pen', 1],
    ]);
    expect(await lineBindings()).toEqual(['L1', 'L2']);
  });

  it('updates bound lines, creates new ones, deletes bound lines that are gone and keeps local lines', async () => {
    const order = await importer().binder.toInternal('O1', { unwrap: true });
    await shop.env
      .model('sale.order.line')
      .create({ order_id: order?.['id'] as number, product: 'Local', qty: 9 });
    const result = await importer().run('O1', {
      force: true,
      data: {
        id: 'O1',
        name: 'SO1',
        lines: [
          { id: 'L1', product: 'Pen', qty: 5 },
          { id: 'L3', product: 'Paper', qty: 3 },
        ],
      },
    });
    expect(result.status).toBe('updated');
    expect(await linesOf('O1')).toEqual([
      ['Local', 9],
      ['Paper', 3],
      ['Pen', 5],
    ]);
    expect(await lineBindings()).toEqual(['L1', 'L3']);
  });

  it('re-importing the same payload changes nothing', async () => {
    const before = await shop.env.model('sale.order.line').search({}, { orderBy: ['id'] });
    await importer().run('O1', {
      force: true,
      data: {
        id: 'O1',
        name: 'SO1',
        lines: [
          { id: 'L1', product: 'Pen', qty: 5 },
          { id: 'L3', product: 'Paper', qty: 3 },
        ],
      },
    });
    const after = await shop.env.model('sale.order.line').search({}, { orderBy: ['id'] });
    expect(after.map((line) => line.id)).toEqual(before.map((line) => line.id));
  });
});
