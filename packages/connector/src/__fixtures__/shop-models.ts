import { defineModel, field, type Migration } from '@bindery/model';
import { sql } from 'kysely';
import { createBackendTable } from '../backend/backend-table.js';
import { defineBackendModel } from '../backend/backend-model.js';
import { createBindingTable } from '../binding/binding-table.js';
import { defineBindingModel } from '../binding/binding-model.js';

export const ShopBackendModel = defineBackendModel({
  name: 'shop.backend',
  fields: { location: field.text({ required: true }) },
});

export const Category = defineModel({
  name: 'product.category',
  description: 'Product Category',
  fields: { name: field.text({ required: true }), parent_id: field.many2one('product.category') },
});

export const Product = defineModel({
  name: 'product.product',
  description: 'Product',
  fields: {
    name: field.text({ required: true }),
    default_code: field.text(),
    list_price: field.numeric(),
    qty: field.integer(),
    active: field.boolean(),
    categ_id: field.many2one('product.category'),
    description: field.text(),
  },
});

export const Order = defineModel({
  name: 'sale.order',
  fields: {
    name: field.text({ required: true }),
    note: field.text(),
    line_ids: field.one2many('sale.order.line', 'order_id'),
  },
});

export const OrderLine = defineModel({
  name: 'sale.order.line',
  recordName: 'product',
  fields: {
    order_id: field.many2one('sale.order', { required: true, onDelete: 'cascade' }),
    product: field.text({ required: true }),
    qty: field.integer(),
    price: field.numeric(),
  },
});

export const bindingModels = [
  defineBindingModel({
    name: 'shop.category.binding',
    backend: 'shop.backend',
    model: 'product.category',
  }),
  defineBindingModel({
    name: 'shop.product.binding',
    backend: 'shop.backend',
    model: 'product.product',
    fields: { shop_updated_at: field.datetime(), shop_status: field.text() },
  }),
  defineBindingModel({ name: 'shop.order.binding', backend: 'shop.backend', model: 'sale.order' }),
  defineBindingModel({
    name: 'shop.order.line.binding',
    backend: 'shop.backend',
    model: 'sale.order.line',
  }),
  defineBindingModel({
    name: 'shop.note.binding',
    backend: 'shop.backend',
    fields: { body: field.text() },
  }),
];

/** The binding models of the fixture. */
export const BINDINGS = [
  'shop.category.binding',
  'shop.product.binding',
  'shop.order.binding',
  'shop.order.line.binding',
  'shop.note.binding',
] as const;

export const shopMigrations: readonly Migration[] = [
  {
    name: '0001_shop_tables',
    up: async (db) => {
      await createBackendTable(db, 'shop_backend', (t) =>
        t.addColumn('location', 'text', (c) => c.notNull()),
      );
      await sql`create table product_category (id serial primary key, name text not null,
        parent_id integer references product_category(id))`.execute(db);
      await sql`create table product_product (id serial primary key, name text not null,
        default_code text unique, list_price numeric(12, 2), qty integer, active boolean,
        categ_id integer references product_category(id), description text)`.execute(db);
      await sql`create table sale_order (id serial primary key, name text not null, note text)`.execute(
        db,
      );
      await sql`create table sale_order_line (id serial primary key,
        order_id integer not null references sale_order(id) on delete cascade,
        product text not null, qty integer, price numeric(12, 2))`.execute(db);
    },
  },
  {
    name: '0002_shop_bindings',
    up: async (db) => {
      const backendTable = 'shop_backend';
      await createBindingTable(db, {
        table: 'shop_category_binding',
        backendTable,
        recordTable: 'product_category',
      });
      await createBindingTable(db, {
        table: 'shop_product_binding',
        backendTable,
        recordTable: 'product_product',
        columns: (t) =>
          t.addColumn('shop_updated_at', 'timestamptz').addColumn('shop_status', 'text'),
      });
      await createBindingTable(db, {
        table: 'shop_order_binding',
        backendTable,
        recordTable: 'sale_order',
      });
      await createBindingTable(db, {
        table: 'shop_order_line_binding',
        backendTable,
        recordTable: 'sale_order_line',
      });
      await createBindingTable(db, {
        table: 'shop_note_binding',
        backendTable,
        columns: (t) => t.addColumn('body', 'text'),
      });
    },
  },
];
