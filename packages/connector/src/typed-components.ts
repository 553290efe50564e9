import type { ComponentInstance } from '@bindery/component';
import type { BackendAdapterComponent } from './adapter/backend-adapter.js';
import type { CrudAdapterComponent } from './adapter/crud-adapter.js';
import type { BaseBinder } from './binding/base-binder.js';
import type { ConnectorComponent } from './core/base-connector-component.js';
import type { ConnectorListenerComponent } from './listener/connector-listener.js';
import type { RecordLockerComponent } from './locker/record-locker.js';
import type { MapperComponent } from './mapper/base-mapper.js';
import type { ExportMapperComponent } from './mapper/export-mapper.js';
import type { ImportMapperComponent } from './mapper/import-mapper.js';
import type { MapChildComponent } from './mapper/map-child.js';
import type { SyncImportMapChildComponent } from './mapper/sync-import-map-child.js';
import type { BatchImporterComponent } from './synchronizer/base-batch-importer.js';
import type { SynchronizerComponent } from './synchronizer/base-synchronizer.js';
import type { DeleterComponent } from './synchronizer/generic-deleter.js';
import type { RecordExporterComponent } from './synchronizer/generic-exporter.js';
import type { RecordImporterComponent } from './synchronizer/generic-importer.js';

/** `'base.binder'` (usage `binder`): the instance type of `BaseBinder`. */
export interface BinderComponent extends ComponentInstance<typeof BaseBinder> {}

declare module '@bindery/component' {
  interface ComponentsByName {
    'base.connector': ConnectorComponent;
    'base.binder': BinderComponent;
    'base.mapper': MapperComponent;
    'base.import.mapper': ImportMapperComponent;
    'base.export.mapper': ExportMapperComponent;
    'base.map.child': MapChildComponent;
    'base.map.child.import': MapChildComponent;
    'base.map.child.import.sync': SyncImportMapChildComponent;
    'base.map.child.export': MapChildComponent;
    'base.backend.adapter': BackendAdapterComponent;
    'base.backend.adapter.crud': CrudAdapterComponent;
    'base.synchronizer': SynchronizerComponent;
    'base.importer': SynchronizerComponent;
    'base.exporter': SynchronizerComponent;
    'base.deleter': SynchronizerComponent;
    'generic.importer': RecordImporterComponent;
    'generic.exporter': RecordExporterComponent;
    'generic.deleter': DeleterComponent;
    'base.batch.importer': BatchImporterComponent;
    'direct.batch.importer': BatchImporterComponent;
    'delayed.batch.importer': BatchImporterComponent;
    'base.record.locker': RecordLockerComponent;
    'base.connector.listener': ConnectorListenerComponent;
  }
  interface ComponentsByUsage {
    binder: BinderComponent;
    mapper: MapperComponent;
    'import.mapper': ImportMapperComponent;
    'export.mapper': ExportMapperComponent;
    'import.map.child': MapChildComponent;
    'export.map.child': MapChildComponent;
    'backend.adapter': CrudAdapterComponent;
    importer: SynchronizerComponent;
    exporter: SynchronizerComponent;
    deleter: SynchronizerComponent;
    'record.importer': RecordImporterComponent;
    'record.exporter': RecordExporterComponent;
    'record.exporter.deleter': DeleterComponent;
    'batch.importer': BatchImporterComponent;
    'record.locker': RecordLockerComponent;
  }
}
