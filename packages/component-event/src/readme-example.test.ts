// The example of README.md, run as a test so that it stays true. The only difference: inside
// this package the augmentation targets './events-by-name.js' instead of '@bindery/component-event'.
import { buildRegistry, defineAddon, defineComponent } from '@bindery/component';
import { describe, expect, it } from 'vitest';
import {
  collectEvents,
  componentEventAddon,
  emitRecordWrite,
  skipIf,
  type EventRecord,
  type RecordChangeInfo,
} from './index.js';

interface Order extends EventRecord {
  readonly total: number;
}
declare module './events-by-name.js' {
  interface EventsByName {
    onOrderPaid: [order: Order];
  }
}

describe('README example', () => {
  it('declares, types, collects and notifies events; skipIf skips; the data layer fires writes', async () => {
    const sent: string[] = [];
    const OrderMailer = defineComponent(
      { name: 'shop.order.mailer', inherit: 'base.event.listener', applyOn: ['sale.order'] },
      (Base) =>
        class extends Base {
          @skipIf((order: Order) => order.total === 0)
          onOrderPaid(order: Order): void {
            sent.push(`receipt for order ${String(order.id)}`);
          }

          onRecordWrite(record: EventRecord, info: RecordChangeInfo): void {
            sent.push(`order ${String(record.id)} changed: ${info.fields.join(', ')}`);
          }
        },
    );
    const shopAddon = defineAddon({
      name: 'shop',
      depends: [componentEventAddon],
      events: ['onOrderPaid'],
      components: [OrderMailer],
    });

    const registry = buildRegistry([shopAddon]);
    const env = { user: 'admin' };
    const where = { registry, modelName: 'sale.order', env };

    await collectEvents(where, 'onOrderPaid').notify({ id: 7, total: 30 });
    await collectEvents(where, 'onOrderPaid').notify({ id: 8, total: 0 });
    await emitRecordWrite(where, [{ id: 7 }], ['state']);

    expect(sent).toEqual(['receipt for order 7', 'order 7 changed: state']);
    await emitRecordWrite({ ...where, modelName: 'res.partner' }, [{ id: 1 }], ['name']);
    expect(sent).toHaveLength(2);
  });
});
