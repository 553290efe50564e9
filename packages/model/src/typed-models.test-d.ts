import type { Component } from '@bindery/component';
import type { Generated } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import type { Env } from './env.js';
import type { RecordId } from './typed-models.js';

interface InvoiceTable {
  id: Generated<number>;
  number: string;
  amount: string | null;
  paid: Generated<boolean>;
}

declare module './typed-models.js' {
  interface BinderyDatabase {
    account_invoice: InvoiceTable;
  }
  interface ModelsByName {
    'account.invoice': InvoiceTable;
  }
}

declare const env: Env;
declare const component: Component;

describe('typed record API', () => {
  it('types records from the registered table interface', async () => {
    const api = env.model('account.invoice');
    const invoice = await api.create({ number: 'INV-1' });
    expectTypeOf(invoice).toEqualTypeOf<{
      id: number;
      number: string;
      amount: string | null;
      paid: boolean;
    }>();
    const many = await api.create([{ number: 'A' }, { number: 'B', amount: '1.00' }]);
    expectTypeOf(many).toEqualTypeOf<
      { id: number; number: string; amount: string | null; paid: boolean }[]
    >();
    const read = await api.read([1], ['number']);
    expectTypeOf(read).toEqualTypeOf<
      Pick<{ id: number; number: string; amount: string | null; paid: boolean }, 'number' | 'id'>[]
    >();
  });

  it('rejects wrong values and unknown fields at compile time', () => {
    const api = env.model('account.invoice');
    // @ts-expect-error number is required on create
    void api.create({ amount: '1' });
    // @ts-expect-error amount is a decimal string, not a boolean
    void api.write(1, { amount: true });
    // @ts-expect-error no such field
    void api.search({ nope: 1 });
    // @ts-expect-error no such field
    void api.read([1], ['nope']);
  });

  it('types expression conditions on the table aliased record', () => {
    void env.model('account.invoice').search((eb) => eb('record.amount', '>', '10'));
    // @ts-expect-error unknown column
    void env.model('account.invoice').search((eb) => eb('record.nope', '=', 1));
  });

  it('keeps unregistered models usable with loose rows', async () => {
    const row = await env.model('some.model').create({ anything: 1 });
    expectTypeOf(row.id).toEqualTypeOf<RecordId>();
    expectTypeOf(row['anything']).toEqualTypeOf<unknown>();
  });

  it('gives components the model env as this.env', () => {
    expectTypeOf(component.env).toEqualTypeOf<Env>();
    expectTypeOf(
      env.db.selectFrom('account_invoice').selectAll().execute,
    ).returns.resolves.toEqualTypeOf<
      { id: number; number: string; amount: string | null; paid: boolean }[]
    >();
  });
});
