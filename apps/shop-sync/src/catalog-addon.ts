import { defineAddon, defineComponent } from '@bindery/component';
import type { EventRecord, RecordChangeInfo } from '@bindery/component-event';
import { defineModel, field, modelAddon } from '@bindery/model';
import { sql } from 'kysely';

/** Products of the app's catalogue. */
export const Product = defineModel({
  name: 'product.product',
  fields: {
    name: field.text({ required: true }),
    default_code: field.text(),
    list_price: field.numeric(),
  },
  implementsSyncer: true,
});

/** Lines logged by the audit listener (the tour prints them). */
export const auditLog: string[] = [];

/** Logs every product change, as a connector listener would queue an export. */
export const ProductAudit = defineComponent(
  { name: 'shop-sync.product.audit', inherit: 'base.event.listener', applyOn: 'product.product' },
  (Base) =>
    class extends Base {
      onRecordCreate(record: EventRecord, info: RecordChangeInfo): void {
        auditLog.push(`created product ${String(record.id)} (${info.fields.join(', ')})`);
      }
      onRecordWrite(record: EventRecord, info: RecordChangeInfo): void {
        auditLog.push(`wrote product ${String(record.id)}: ${info.fields.join(', ')}`);
      }
    },
);

export const catalogAddon = defineAddon({
  name: 'shop-sync-catalog',
  depends: [modelAddon],
  models: [Product],
  components: [ProductAudit],
  migrations: [
    {
      name: '0001_product',
      up: async (db) => {
        await sql`create table product_product (
          id serial primary key, name text not null, default_code text unique, list_price numeric(12, 2))`.execute(
          db,
        );
      },
    },
  ],
});
