import { defineComponent } from '@bindery/component';
import type { EventRecord, RecordChangeInfo } from '@bindery/component-event';
import { BaseBinder } from '../binding/base-binder.js';
import type { BindingRow } from '../binding/binding-row.js';
import { BaseConnector } from '../core/base-connector-component.js';
import { exportDeleteRecord } from '../jobs/export-delete-record-job.js';
import { exportRecord, exportRecordArgs } from '../jobs/export-record-job.js';
import { ConnectorListener, skipIfNoExport } from '../listener/connector-listener.js';
import { convert } from '../mapper/convert-modifier.js';
import { toDecimalString, toNumber } from '../mapper/converters.js';
import { ExportMapper } from '../mapper/export-mapper.js';
import { externalToM2o } from '../mapper/external-to-m2o-modifier.js';
import { ImportMapper } from '../mapper/import-mapper.js';
import { m2oToExternal } from '../mapper/m2o-to-external-modifier.js';
import type { DirectMapping, ChildMapping, SourceRecord } from '../mapper/mapper-types.js';
import { changedBy, mapping, onlyCreate } from '../mapper/mapping-decorators.js';
import { none } from '../mapper/none-modifier.js';
import { DelayedBatchImporter } from '../synchronizer/delayed-batch-importer.js';
import { DirectBatchImporter } from '../synchronizer/direct-batch-importer.js';
import { GenericDeleter } from '../synchronizer/generic-deleter.js';
import { GenericExporter } from '../synchronizer/generic-exporter.js';
import { GenericImporter } from '../synchronizer/generic-importer.js';
import { fakeCrudAdapter } from '../test/fake-crud-adapter.js';
import { BINDINGS } from './shop-models.js';

const collection = 'shop.backend';

export const ShopConnector = defineComponent(
  { name: 'base.shop.connector', inherit: BaseConnector, collection, abstract: true },
  (Base) => class extends Base {},
);

export const ShopBinder = defineComponent(
  { name: 'shop.binder', inherit: [ShopConnector, BaseBinder], applyOn: BINDINGS },
  (Base) => class extends Base {},
);

export const shopAdapters = [
  ['products', 'shop.product.binding'],
  ['categories', 'shop.category.binding'],
  ['orders', 'shop.order.binding'],
  ['notes', 'shop.note.binding'],
].map(([resource, model]) =>
  fakeCrudAdapter({
    name: `shop.${String(resource)}.adapter`,
    resource: resource as string,
    applyOn: model as string,
    inherit: [ShopConnector],
  }),
);

export const CategoryImportMapper = defineComponent(
  {
    name: 'shop.category.import.mapper',
    inherit: [ShopConnector, ImportMapper],
    applyOn: 'shop.category.binding',
  },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [
        ['name', 'name'],
        [externalToM2o('parent_id', { binding: 'shop.category.binding' }), 'parent_id'],
      ];
    },
);

export const ProductImportMapper = defineComponent(
  {
    name: 'shop.product.import.mapper',
    inherit: [ShopConnector, ImportMapper],
    applyOn: 'shop.product.binding',
  },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [
        ['name', 'name'],
        ['sku', 'default_code'],
        [convert('price', toDecimalString), 'list_price'],
        [none('qty'), 'qty'],
        [externalToM2o('category_id', { binding: 'shop.category.binding' }), 'categ_id'],
        ['updated_at', 'shop_updated_at'],
      ];

      @mapping
      @onlyCreate
      active(): Record<string, unknown> {
        return { active: true };
      }

      @mapping
      @changedBy('name', 'sku')
      description(record: SourceRecord): Record<string, unknown> {
        const sku = typeof record['sku'] === 'string' ? record['sku'] : '-';
        return { description: `${String(record['name'] as string)} (${sku})` };
      }
    },
);

export const OrderImportMapper = defineComponent(
  {
    name: 'shop.order.import.mapper',
    inherit: [ShopConnector, ImportMapper],
    applyOn: 'shop.order.binding',
  },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [
        ['name', 'name'],
        ['note', 'note'],
      ];
      override children: readonly ChildMapping[] = [['lines', 'line_ids', 'sale.order.line']];
    },
);

export const LineImportMapper = defineComponent(
  {
    name: 'shop.order.line.import.mapper',
    inherit: [ShopConnector, ImportMapper],
    applyOn: ['sale.order.line', 'shop.order.line.binding'],
  },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [
        ['product', 'product'],
        ['qty', 'qty'],
        [convert('price', toDecimalString), 'price'],
      ];
    },
);

export const NoteImportMapper = defineComponent(
  {
    name: 'shop.note.import.mapper',
    inherit: [ShopConnector, ImportMapper],
    applyOn: 'shop.note.binding',
  },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [['body', 'body']];
    },
);

export const ProductExportMapper = defineComponent(
  {
    name: 'shop.product.export.mapper',
    inherit: [ShopConnector, ExportMapper],
    applyOn: 'shop.product.binding',
  },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [
        ['name', 'name'],
        ['default_code', 'sku'],
        [convert('list_price', toNumber), 'price'],
        [m2oToExternal('categ_id', { binding: 'shop.category.binding' }), 'category_id'],
      ];
    },
);

export const CategoryExportMapper = defineComponent(
  {
    name: 'shop.category.export.mapper',
    inherit: [ShopConnector, ExportMapper],
    applyOn: 'shop.category.binding',
  },
  (Base) =>
    class extends Base {
      override direct: readonly DirectMapping[] = [['name', 'name']];
    },
);

export const ShopImporter = defineComponent(
  {
    name: 'shop.importer',
    inherit: [ShopConnector, GenericImporter],
    applyOn: ['shop.order.binding', 'shop.note.binding'],
  },
  (Base) => class extends Base {},
);

export const CategoryImporter = defineComponent(
  {
    name: 'shop.category.importer',
    inherit: [ShopConnector, GenericImporter],
    applyOn: 'shop.category.binding',
  },
  (Base) =>
    class extends Base {
      override async importDependencies(): Promise<void> {
        await this.importDependency(
          this.externalData?.['parent_id'] as string | undefined,
          'shop.category.binding',
        );
      }
    },
);

export const ProductImporter = defineComponent(
  {
    name: 'shop.product.importer',
    inherit: [ShopConnector, GenericImporter],
    applyOn: 'shop.product.binding',
  },
  (Base) =>
    class extends Base {
      override async importDependencies(): Promise<void> {
        await this.importDependency(
          this.externalData?.['category_id'] as string | undefined,
          'shop.category.binding',
        );
      }
    },
);

export const CategoryExporter = defineComponent(
  {
    name: 'shop.category.exporter',
    inherit: [ShopConnector, GenericExporter],
    applyOn: 'shop.category.binding',
  },
  (Base) => class extends Base {},
);

export const ProductExporter = defineComponent(
  {
    name: 'shop.product.exporter',
    inherit: [ShopConnector, GenericExporter],
    applyOn: 'shop.product.binding',
  },
  (Base) =>
    class extends Base {
      override async exportDependencies(): Promise<void> {
        const source = await this.exportSource();
        const categoryId = source['categ_id'];
        if (typeof categoryId === 'number') {
          await this.exportDependency(
            { model: 'product.category', id: categoryId },
            'shop.category.binding',
          );
        }
      }
    },
);

export const ProductDeleter = defineComponent(
  {
    name: 'shop.product.deleter',
    inherit: [ShopConnector, GenericDeleter],
    applyOn: 'shop.product.binding',
  },
  (Base) => class extends Base {},
);

export const ProductBatchImporter = defineComponent(
  {
    name: 'shop.product.batch.importer',
    inherit: [ShopConnector, DirectBatchImporter],
    applyOn: 'shop.product.binding',
  },
  (Base) => class extends Base {},
);

export const CategoryBatchImporter = defineComponent(
  {
    name: 'shop.category.batch.importer',
    inherit: [ShopConnector, DelayedBatchImporter],
    applyOn: 'shop.category.binding',
  },
  (Base) => class extends Base {},
);

/** Exports product bindings when they change, and deletes them in the shop when they go. */
export const ProductBindingListener = defineComponent(
  {
    name: 'shop.product.binding.listener',
    inherit: ConnectorListener,
    applyOn: 'shop.product.binding',
  },
  (Base) =>
    class extends Base {
      @skipIfNoExport
      async onRecordWrite(record: EventRecord, info: RecordChangeInfo): Promise<void> {
        const binding = record as unknown as BindingRow;
        await this.delay(
          exportRecord,
          exportRecordArgs(this.env, 'shop.product.binding', binding, info.fields),
        );
      }

      @skipIfNoExport
      async onRecordUnlink(record: EventRecord): Promise<void> {
        const binding = record as unknown as BindingRow;
        if (binding.external_id === null) return;
        await this.delay(exportDeleteRecord, {
          backend: { model: 'shop.backend', id: binding.backend_id },
          model: 'shop.product.binding',
          externalId: binding.external_id,
        });
      }
    },
);

export const shopComponents = [
  ShopConnector,
  ShopBinder,
  ...shopAdapters,
  CategoryImportMapper,
  ProductImportMapper,
  OrderImportMapper,
  LineImportMapper,
  NoteImportMapper,
  ProductExportMapper,
  CategoryExportMapper,
  ShopImporter,
  CategoryImporter,
  ProductImporter,
  CategoryExporter,
  ProductExporter,
  ProductDeleter,
  ProductBatchImporter,
  CategoryBatchImporter,
  ProductBindingListener,
];
