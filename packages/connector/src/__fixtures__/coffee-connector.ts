// The connector of the README guide ("Write a connector for a new backend"), run by
// src/readme-example.test.ts. In a connector package, import from '@bindery/connector'.
import { defineAddon, defineComponent } from '@bindery/component';
import type { EventRecord, RecordChangeInfo } from '@bindery/component-event';
import { defineModel, field, modelAddon } from '@bindery/model';
import { sql } from 'kysely';
import {
  BaseBinder,
  BaseConnector,
  connectorAddon,
  ConnectorListener,
  convert,
  createBackendTable,
  createBindingTable,
  CrudAdapterComponent,
  defineBackend,
  defineBackendModel,
  defineBindingModel,
  DelayedBatchImporter,
  ExportMapper,
  exportRecord,
  exportRecordArgs,
  GenericExporter,
  GenericImporter,
  ImportMapper,
  mapping,
  onlyCreate,
  skipIfNoExport,
  toDecimalString,
  toNumber,
  type BindingRow,
  type DirectMapping,
  type ExternalIdInput,
  type ImportStatus,
  type MappedValues,
  type SourceRecord,
} from '../index.js';

// --- the app's own model (in a real app it already exists) ------------------------------------
export const catalogAddon = defineAddon({
  name: 'catalog',
  depends: [modelAddon],
  models: [
    defineModel({
      name: 'product.product',
      description: 'Product',
      fields: {
        name: field.text({ required: true }),
        list_price: field.numeric(),
        active: field.boolean(),
      },
    }),
  ],
  migrations: [
    {
      name: '0001_product',
      up: async (db) => {
        await sql`create table product_product (id serial primary key, name text not null,
          list_price numeric(12, 2), active boolean)`.execute(db);
      },
    },
  ],
});

// --- 1. the API client: one per backend, built once (here a tiny in-memory stand-in) ---------
export interface CoffeeClient {
  list(resource: string, since?: string): Promise<string[]>;
  get(resource: string, id: string): Promise<SourceRecord>;
  post(resource: string, data: MappedValues): Promise<string>;
  put(resource: string, id: string, data: MappedValues): Promise<void>;
  remove(resource: string, id: string): Promise<void>;
}
export const clients = new Map<string, CoffeeClient>(); // location -> client (tests fill it)

// --- 2. backend model and 3-4. binding model ----------------------------------------------------
const CoffeeBackendModel = defineBackendModel({
  name: 'coffee.backend',
  fields: { location: field.text({ required: true }), token: field.text() },
});
const CoffeeProductBinding = defineBindingModel({
  name: 'coffee.product.binding',
  backend: 'coffee.backend',
  model: 'product.product',
  fields: { roast: field.text() }, // data only the coffee shop has
});
export const CoffeeBackend = defineBackend({
  model: 'coffee.backend',
  resources: (backend) => ({
    client: clients.get(String(backend.record['location'])) as CoffeeClient,
  }),
});

// --- 5. the base component of the backend, 6-7. components per usage and per model -----------
const CoffeeConnector = defineComponent(
  {
    name: 'base.coffee.connector',
    inherit: BaseConnector,
    collection: 'coffee.backend',
    abstract: true,
  },
  (Base) =>
    class extends Base {
      get client(): CoffeeClient {
        return (this.work.extra as { client: CoffeeClient }).client;
      }
    },
);

const CoffeeBinder = defineComponent(
  {
    name: 'coffee.binder',
    inherit: [CoffeeConnector, BaseBinder],
    applyOn: 'coffee.product.binding',
  },
  (Base) => class extends Base {},
);

const ProductAdapter = defineComponent(
  {
    name: 'coffee.product.adapter',
    inherit: [CoffeeConnector, CrudAdapterComponent],
    applyOn: 'coffee.product.binding',
  },
  (Base) =>
    class extends Base {
      override search(filters?: { since?: string }): Promise<string[]> {
        return this.client.list('beans', filters?.since);
      }
      override read(id: ExternalIdInput): Promise<SourceRecord> {
        return this.client.get('beans', String(id));
      }
      override create(data: MappedValues): Promise<string> {
        return this.client.post('beans', data);
      }
      override write(id: ExternalIdInput, data: MappedValues): Promise<void> {
        return this.client.put('beans', String(id), data);
      }
      override delete(id: ExternalIdInput): Promise<void> {
        return this.client.remove('beans', String(id));
      }
    },
);

const ProductImportMapper = defineComponent(
  {
    name: 'coffee.product.import.mapper',
    inherit: [CoffeeConnector, ImportMapper],
    applyOn: 'coffee.product.binding',
  },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [
        ['title', 'name'],
        [convert('price', toDecimalString), 'list_price'],
        ['roast', 'roast'], // a field of the binding: stored on the binding row
      ];

      @mapping
      @onlyCreate
      active(): MappedValues {
        return { active: true };
      }
    },
);

const ProductExportMapper = defineComponent(
  {
    name: 'coffee.product.export.mapper',
    inherit: [CoffeeConnector, ExportMapper],
    applyOn: 'coffee.product.binding',
  },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [
        ['name', 'title'],
        [convert('list_price', toNumber), 'price'],
      ];
    },
);

const ProductImporter = defineComponent(
  {
    name: 'coffee.product.importer',
    inherit: [CoffeeConnector, GenericImporter],
    applyOn: 'coffee.product.binding',
  },
  (Base) =>
    class extends Base {
      override mustSkip(): string | undefined {
        return this.externalData?.['discontinued'] === true
          ? 'Discontinued beans are not imported'
          : undefined;
      }

      override async afterImport(binding: BindingRow, status: ImportStatus): Promise<void> {
        // new products need a human look (prices, taxes): put them in the review queue
        if (status === 'created')
          await this.addCheckpoint('product.product', binding.record_id as number);
      }
    },
);

const ProductExporter = defineComponent(
  {
    name: 'coffee.product.exporter',
    inherit: [CoffeeConnector, GenericExporter],
    applyOn: 'coffee.product.binding',
  },
  (Base) => class extends Base {},
);

const ProductBatchImporter = defineComponent(
  {
    name: 'coffee.product.batch.importer',
    inherit: [CoffeeConnector, DelayedBatchImporter],
    applyOn: 'coffee.product.binding',
  },
  (Base) => class extends Base {},
);

// --- 8. listeners: export what users change, never what the connector itself wrote ---------
const ProductListener = defineComponent(
  { name: 'coffee.product.listener', inherit: ConnectorListener, applyOn: 'product.product' },
  (Base) =>
    class extends Base {
      @skipIfNoExport
      async onRecordWrite(record: EventRecord, info: RecordChangeInfo): Promise<void> {
        const bindings = await this.env
          .model('coffee.product.binding')
          .search({ record_id: record.id as number });
        for (const binding of bindings) {
          await this.delay(
            exportRecord,
            exportRecordArgs(
              this.env,
              'coffee.product.binding',
              binding as BindingRow,
              info.fields,
            ),
          );
        }
      }
    },
);

// --- the addon: models, backend, components, migrations -----------------------------------
export const coffeeConnectorAddon = defineAddon({
  name: 'connector-coffee',
  depends: [connectorAddon, catalogAddon],
  models: [CoffeeBackendModel, CoffeeProductBinding],
  backends: [CoffeeBackend],
  components: [
    CoffeeConnector,
    CoffeeBinder,
    ProductAdapter,
    ProductImportMapper,
    ProductExportMapper,
    ProductImporter,
    ProductExporter,
    ProductBatchImporter,
    ProductListener,
  ],
  migrations: [
    {
      name: '0001_coffee_tables',
      up: async (db) => {
        await createBackendTable(db, 'coffee_backend', (t) =>
          t.addColumn('location', 'text', (c) => c.notNull()).addColumn('token', 'text'),
        );
        await createBindingTable(db, {
          table: 'coffee_product_binding',
          backendTable: 'coffee_backend',
          recordTable: 'product_product',
          columns: (t) => t.addColumn('roast', 'text'),
        });
      },
    },
  ],
});
