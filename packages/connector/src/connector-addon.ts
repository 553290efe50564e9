import { defineAddon, type Addon } from '@bindery/component';
import { modelAddon } from '@bindery/model';
import { queueJobAddon } from '@bindery/queue-job';
import { BackendAdapter } from './adapter/backend-adapter.js';
import { CrudAdapterComponent } from './adapter/crud-adapter.js';
import { BaseBinder } from './binding/base-binder.js';
import { CheckpointModel } from './checkpoint/checkpoint-model.js';
import { BaseConnector } from './core/base-connector-component.js';
import { exportDeleteRecord } from './jobs/export-delete-record-job.js';
import { exportRecord } from './jobs/export-record-job.js';
import { importBatch } from './jobs/import-batch-job.js';
import { importRecord } from './jobs/import-record-job.js';
import { ConnectorListener } from './listener/connector-listener.js';
import { RecordLocker } from './locker/record-locker.js';
import { BaseMapper } from './mapper/base-mapper.js';
import { ExportMapChild } from './mapper/export-map-child.js';
import { ExportMapper } from './mapper/export-mapper.js';
import { ImportMapChild } from './mapper/import-map-child.js';
import { ImportMapper } from './mapper/import-mapper.js';
import { MapChild } from './mapper/map-child.js';
import { SyncImportMapChild } from './mapper/sync-import-map-child.js';
import { connectorMigrations } from './migrations/connector-migrations.js';
import { BatchImporter } from './synchronizer/base-batch-importer.js';
import { BaseDeleter } from './synchronizer/base-deleter.js';
import { BaseExporter } from './synchronizer/base-exporter.js';
import { BaseImporter } from './synchronizer/base-importer.js';
import { Synchronizer } from './synchronizer/base-synchronizer.js';
import { DelayedBatchImporter } from './synchronizer/delayed-batch-importer.js';
import { DirectBatchImporter } from './synchronizer/direct-batch-importer.js';
import { GenericDeleter } from './synchronizer/generic-deleter.js';
import { GenericExporter } from './synchronizer/generic-exporter.js';
import { GenericImporter } from './synchronizer/generic-importer.js';

/**
 * The `connector` addon: its components (binder, mappers, map children, adapters,
 * synchronizers, locker, listener), the standard jobs, the checkpoint model and its tables.
 * A connector's addon depends on it.
 *
 * @example
 * ```ts
 * export const shopConnectorAddon = defineAddon({
 *   name: 'connector-shop',
 *   depends: [connectorAddon],
 *   models: [ShopBackendModel, ProductBinding],
 *   backends: [ShopBackend],
 *   components: [ShopConnector, ProductBinder, ProductImporter],
 *   migrations: [...],
 * });
 * ```
 */
export const connectorAddon: Addon = defineAddon({
  name: 'connector',
  depends: [modelAddon, queueJobAddon],
  models: [CheckpointModel],
  migrations: connectorMigrations,
  jobs: [importBatch, importRecord, exportRecord, exportDeleteRecord],
  components: [
    BaseConnector,
    BaseBinder,
    BaseMapper,
    ImportMapper,
    ExportMapper,
    MapChild,
    ImportMapChild,
    SyncImportMapChild,
    ExportMapChild,
    BackendAdapter,
    CrudAdapterComponent,
    Synchronizer,
    BaseImporter,
    BaseExporter,
    BaseDeleter,
    GenericImporter,
    GenericExporter,
    GenericDeleter,
    BatchImporter,
    DirectBatchImporter,
    DelayedBatchImporter,
    RecordLocker,
    ConnectorListener,
  ],
});
