import { defineAddon, defineComponent } from '@bindery/component';
import type { EventRecord, RecordChangeInfo } from '@bindery/component-event';
import { sql, type Kysely } from 'kysely';
import { field } from '../fields/field-definition.js';
import { modelAddon } from '../model-addon.js';
import { defineModel, extendModel } from '../model-definition.js';

export const Partner = defineModel({
  name: 'res.partner',
  fields: {
    name: field.text({ required: true }),
    email: field.text(),
    active: field.boolean(),
    credit: field.numeric(),
    birthday: field.date(),
    last_seen: field.datetime(),
    meta: field.json(),
    parent_id: field.many2one('res.partner', { onDelete: 'set null' }),
  },
});

export const Order = defineModel({
  name: 'sale.order',
  fields: {
    name: field.text({ required: true }),
    partner_id: field.many2one('res.partner', { onDelete: 'restrict' }),
    amount: field.numeric(),
    state: field.text(),
    line_ids: field.one2many('sale.order.line', 'order_id'),
  },
  implementsSyncer: true,
});

export const OrderLine = defineModel({
  name: 'sale.order.line',
  fields: {
    order_id: field.many2one('sale.order', { required: true, onDelete: 'cascade' }),
    product: field.text({ required: true }),
    qty: field.integer(),
  },
  recordName: 'product',
});

async function createTables(db: Kysely<unknown>): Promise<void> {
  await sql`create table res_partner (
    id serial primary key, name text not null, email text unique, active boolean default true,
    credit numeric(12, 2), birthday date, last_seen timestamptz, meta jsonb,
    parent_id integer references res_partner(id) on delete set null)`.execute(db);
  await sql`create table sale_order (
    id serial primary key, name text not null, partner_id integer references res_partner(id) on delete restrict,
    amount numeric(12, 2) check (amount is null or amount >= 0), state text not null default 'draft')`.execute(
    db,
  );
  await sql`create table sale_order_line (
    id serial primary key, order_id integer not null references sale_order(id) on delete cascade,
    product text not null, qty integer)`.execute(db);
}

/** An event seen by the recording listener. */
export interface SeenEvent {
  readonly event: string;
  readonly model: string;
  readonly id: unknown;
  readonly fields?: readonly string[];
  /** For write: the values the written fields had before. */
  readonly previous?: Readonly<Record<string, unknown>>;
  /** For unlink: whether the row was still in the database when the listener ran. */
  readonly stillThere?: boolean;
}

/** Events recorded by {@link RecordingListener}, shared by a test file. */
export const seen: SeenEvent[] = [];
/** When set, the listener throws on this event for this model. */
export const failOn: { event?: string; model?: string } = {};

export const RecordingListener = defineComponent(
  { name: 'test.recording.listener', inherit: 'base.event.listener' },
  (Base) =>
    class extends Base {
      #check(event: string): void {
        if (
          failOn.event === event &&
          (failOn.model === undefined || failOn.model === this.modelName)
        ) {
          throw new Error(`listener refuses ${event}`);
        }
      }
      async onRecordCreate(record: EventRecord, info: RecordChangeInfo): Promise<void> {
        seen.push({ event: 'create', model: this.modelName, id: record.id, fields: info.fields });
        this.#check('create');
        await Promise.resolve();
      }
      async onRecordWrite(record: EventRecord, info: RecordChangeInfo): Promise<void> {
        seen.push({
          event: 'write',
          model: this.modelName,
          id: record.id,
          fields: info.fields,
          previous: info.previous,
        });
        this.#check('write');
        await Promise.resolve();
      }
      async onRecordUnlink(record: EventRecord): Promise<void> {
        const table = sql.table(this.env.models.get(this.modelName).table);
        const { rows } = await sql`select id from ${table} where id = ${record.id}`.execute(
          this.env.db,
        );
        seen.push({
          event: 'unlink',
          model: this.modelName,
          id: record.id,
          stillThere: rows.length === 1,
        });
        this.#check('unlink');
      }
    },
);

export const shopAddon = defineAddon({
  name: 'test-shop',
  depends: [modelAddon],
  models: [Partner, Order, OrderLine],
  migrations: [{ name: '0001_tables', up: createTables }],
});

/** An addon that listens to record events (only the models it applies to). */
export const listenersAddon = defineAddon({
  name: 'test-listeners',
  depends: [shopAddon],
  components: [RecordingListener],
});

/** An addon adding a field to a model it does not own. */
export const loyaltyAddon = defineAddon({
  name: 'test-loyalty',
  depends: [shopAddon],
  models: [extendModel('res.partner', { fields: { loyalty_points: field.integer() } })],
  migrations: [
    {
      name: '0001_loyalty_points',
      up: async (db) => {
        await sql`alter table res_partner add column loyalty_points integer not null default 0`.execute(
          db,
        );
      },
    },
  ],
});
