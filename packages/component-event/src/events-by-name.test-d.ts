import {
  defineAddon,
  defineComponent,
  WorkContext,
  type ComponentRegistry,
} from '@bindery/component';
import { describe, expectTypeOf, it } from 'vitest';
import { collectEvents } from './collect-events.js';
import type { CollectedEvents } from './collected-events.js';
import type { EventCollecterComponent } from './event-collecter.js';
import { EventWorkContext } from './event-work-context.js';
import type { EventArgs, EventHandler, EventRecord, RecordChangeInfo } from './events-by-name.js';
import { skipIf } from './skip-if.js';

interface Invoice {
  readonly id: number;
  readonly total: number;
}

declare module './events-by-name.js' {
  interface EventsByName {
    onInvoicePaid: [invoice: Invoice];
  }
}

declare const registry: ComponentRegistry;
const where = { registry, modelName: 'sale.order', env: {} };

describe('EventsByName (typed events, open fallback)', () => {
  it('types the built-in record events', () => {
    expectTypeOf<EventArgs<'onRecordCreate'>>().toEqualTypeOf<
      [record: EventRecord, info: RecordChangeInfo]
    >();
    expectTypeOf<EventArgs<'onRecordUnlink'>>().toEqualTypeOf<[record: EventRecord]>();
    expectTypeOf(collectEvents(where, 'onRecordWrite').notify).parameters.toEqualTypeOf<
      [record: EventRecord, info: RecordChangeInfo]
    >();
  });

  it('types an event added by augmentation', () => {
    expectTypeOf(collectEvents(where, 'onInvoicePaid')).toEqualTypeOf<
      CollectedEvents<'onInvoicePaid'>
    >();
    expectTypeOf(collectEvents(where, 'onInvoicePaid').notify).parameters.toEqualTypeOf<
      [invoice: Invoice]
    >();
    // @ts-expect-error an invoice is required
    void collectEvents(where, 'onInvoicePaid').notify();
    // @ts-expect-error a record is not an invoice
    void collectEvents(where, 'onInvoicePaid').notify({ id: 1 });
  });

  it('accepts any other name with unknown arguments', () => {
    expectTypeOf(collectEvents(where, 'onSomethingElse').notify).parameters.toEqualTypeOf<
      unknown[]
    >();
    expectTypeOf<EventHandler<'onSomethingElse'>>().parameters.toEqualTypeOf<unknown[]>();
  });

  it('types handlers of registered events', () => {
    expectTypeOf<EventHandler<'onInvoicePaid'>>().parameters.toEqualTypeOf<[invoice: Invoice]>();
    expectTypeOf<EventHandler<'onInvoicePaid'>>().returns.toEqualTypeOf<void | Promise<void>>();
  });
});

describe('addon events and component typing', () => {
  it('lets any addon declare the events it emits', () => {
    const addon = defineAddon({ name: 'shop', events: ['onInvoicePaid'] });
    expectTypeOf(addon.events).toEqualTypeOf<readonly ['onInvoicePaid']>();
    // @ts-expect-error event names are strings
    defineAddon({ name: 'bad', events: [1] });
  });

  it('types the collecter by name', () => {
    const work = new WorkContext({ registry, collection: { name: 'b' }, modelName: 'm' });
    expectTypeOf(
      work.componentByName('base.event.collecter'),
    ).toEqualTypeOf<EventCollecterComponent>();
    expectTypeOf(
      work.componentByName('base.event.collecter').collectEvents('onInvoicePaid').notify,
    ).parameters.toEqualTypeOf<[invoice: Invoice]>();
  });

  it('types EventWorkContext.workOn as a plain WorkContext', () => {
    const work = new EventWorkContext({
      registry,
      modelName: 'm',
      env: {},
      extra: { apiUrl: 'x' },
    });
    expectTypeOf(work.workOn()).toEqualTypeOf<WorkContext<{ apiUrl: string }>>();
    expectTypeOf(work.manyComponents({ usage: 'event.listener' })).toBeArray();
  });
});

describe('skipIf typing', () => {
  it('decorates listener methods whose leading parameters match the condition', () => {
    defineComponent(
      { name: 'typed.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          @skipIf((invoice: Invoice) => invoice.total === 0)
          async onInvoicePaid(_invoice: Invoice): Promise<void> {}

          @skipIf((record: EventRecord) => record.id === 0)
          onRecordWrite(_record: EventRecord, _info: RecordChangeInfo): void {}
        },
    );
  });

  it('rejects a condition whose parameters do not match the method', () => {
    class Listener {
      // @ts-expect-error the condition expects a number, the method receives a string
      @skipIf((value: number) => value > 1)
      onThing(_value: string): void {}
    }
    expectTypeOf(Listener).toBeConstructibleWith();
  });

  it('rejects decorating a method that returns a value (a skipped call returns nothing)', () => {
    class Listener {
      // @ts-expect-error the method must return void or Promise<void>
      @skipIf(() => true)
      onThing(): number {
        return 1;
      }
    }
    expectTypeOf(Listener).toBeConstructibleWith();
  });

  it('types the wrapper form as possibly undefined', () => {
    const wrapped = skipIf(
      (a: number) => a > 0,
      (a: number, b: string) => `${b}${a}`,
    );
    expectTypeOf(wrapped).returns.toEqualTypeOf<string | undefined>();
    expectTypeOf(wrapped).parameters.toEqualTypeOf<[a: number, b: string]>();
  });
});
