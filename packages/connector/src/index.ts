// Augmentations of `@bindery/component`, `@bindery/model` and `@bindery/queue-job` live in
// typed-components.ts, connector-settings.ts, backend/addon-backends.ts and the job modules.

export { BackendAdapter, type BackendAdapterComponent } from './adapter/backend-adapter.js';
export { CrudAdapterComponent, type CrudAdapter } from './adapter/crud-adapter.js';
export { backendDefinitions } from './backend/addon-backends.js';
export {
  Backend,
  type BackendOptions,
  type BackendRecord,
  type BackendRef,
} from './backend/backend.js';
export {
  defineBackend,
  isBackendDefinition,
  type BackendDefinition,
  type BackendDefinitionOptions,
  type BackendResourcesFactory,
} from './backend/backend-definition.js';
export { defineBackendModel, type BackendModelDeclaration } from './backend/backend-model.js';
export { createBackendTable, type ColumnsBuilder } from './backend/backend-table.js';
export { BackendWorkContext, workWithEnv } from './backend/backend-work-context.js';
export { openBackend } from './backend/open-backend.js';
export {
  BaseBinder,
  type ToExternalOptions,
  type ToInternalOptions,
} from './binding/base-binder.js';
export { retryableUniqueViolation, retryUniqueViolation } from './binding/binding-errors.js';
export { defineBindingModel, type BindingModelDeclaration } from './binding/binding-model.js';
export type {
  BindingRow,
  ExternalId,
  ExternalIdInput,
  LocalRecord,
} from './binding/binding-row.js';
export { createBindingTable, type BindingTableOptions } from './binding/binding-table.js';
export { normalizeExternalId } from './binding/external-id.js';
export {
  CHECKPOINT_MODEL,
  CheckpointModel,
  type CheckpointRow,
  type CheckpointState,
} from './checkpoint/checkpoint-model.js';
export {
  Checkpoints,
  checkpoints,
  type CheckpointFilter,
  type CheckpointInput,
  type CheckpointPage,
} from './checkpoint/checkpoints.js';
export { connectorAddon } from './connector-addon.js';
export {
  configureConnector,
  connectorSettings,
  type ConnectorSettings,
} from './connector-settings.js';
export { BaseConnector, type ConnectorComponent } from './core/base-connector-component.js';
export { isOverriddenOutside } from './core/overridden-methods.js';
export { AdvisoryLockError } from './errors/advisory-lock-error.js';
export {
  ConcurrentCreateError,
  type ConcurrentCreateDetails,
} from './errors/concurrent-create-error.js';
export {
  ConnectorConfigError,
  type ConnectorConfigSubject,
} from './errors/connector-config-error.js';
export { ConnectorError } from './errors/connector-error.js';
export { IDMissingInBackendError } from './errors/id-missing-in-backend-error.js';
export { InvalidDataError, type InvalidDataDetails } from './errors/invalid-data-error.js';
export { InvalidExternalIdError } from './errors/invalid-external-id-error.js';
export { ManyIDsInBackendError } from './errors/many-ids-in-backend-error.js';
export {
  MappingError,
  type MappingErrorCode,
  type MappingErrorDetails,
} from './errors/mapping-error.js';
export { MissingBindingError } from './errors/missing-binding-error.js';
export { NetworkRetryableError } from './errors/network-retryable-error.js';
export { NoExternalIdError, type NoExternalIdDetails } from './errors/no-external-id-error.js';
export { NotImplementedError } from './errors/not-implemented-error.js';
export { RecordLockedError, type RecordLockedDetails } from './errors/record-locked-error.js';
export { RetryableConnectorError } from './errors/retryable-connector-error.js';
export { SeveralBindingsError } from './errors/several-bindings-error.js';
export { UnknownBackendError } from './errors/unknown-backend-error.js';
export { UnwrapModelError } from './errors/unwrap-model-error.js';
export {
  clearJournal,
  EXPORT_JOURNAL_TABLE,
  isJournalled,
  journalExternalId,
  recoverExternalId,
  type JournalKey,
} from './journal/export-journal.js';
export type { BackendJobArgs } from './jobs/backend-job-args.js';
export {
  exportDeleteRecord,
  type ExportDeleteRecordArgs,
} from './jobs/export-delete-record-job.js';
export { exportRecord, exportRecordArgs, type ExportRecordArgs } from './jobs/export-record-job.js';
export { importBatch, type ImportBatchArgs } from './jobs/import-batch-job.js';
export { importRecord, type ImportRecordArgs } from './jobs/import-record-job.js';
export { relatedActionUnwrapBinding, unwrappedRecordAction } from './jobs/unwrap-binding-action.js';
export {
  ConnectorListener,
  skipIfNoExport,
  type ConnectorListenerComponent,
} from './listener/connector-listener.js';
export {
  RecordLocker,
  type RecordLockerComponent,
  type RecordLockOptions,
} from './locker/record-locker.js';
export { advisoryLockKey, pgTryAdvisoryLock, pgTryAdvisoryLocks } from './locks/advisory-lock.js';
export { isLockNotAvailable, LOCK_NOT_AVAILABLE, lockRowsNowait } from './locks/row-lock.js';
export { BaseMapper, type ChildItemsMapper, type MapperComponent } from './mapper/base-mapper.js';
export { isBindingModel } from './mapper/binding-model-check.js';
export {
  ChildCommands,
  type ChildCommandsInit,
  type ChildCreate,
  type ChildUpdate,
} from './mapper/child-commands.js';
export { convert } from './mapper/convert-modifier.js';
export {
  toBoolean,
  toDate,
  toDecimalString,
  toInteger,
  toNumber,
  toText,
} from './mapper/converters.js';
export { ExportMapChild } from './mapper/export-map-child.js';
export { ExportMapper, type ExportMapperComponent } from './mapper/export-mapper.js';
export { externalToM2o, type ExternalToM2oOptions } from './mapper/external-to-m2o-modifier.js';
export { followM2oRelations } from './mapper/follow-m2o-relations-modifier.js';
export { ImportMapChild } from './mapper/import-map-child.js';
export { ImportMapper, type ImportMapperComponent } from './mapper/import-mapper.js';
export {
  m2oToExternal,
  many2oneTarget,
  type M2oToExternalOptions,
} from './mapper/m2o-to-external-modifier.js';
export {
  MapChild,
  type ChildItemsContext,
  type ItemMapper,
  type MapChildComponent,
} from './mapper/map-child.js';
export { MapRecord, type RecordMapper } from './mapper/map-record.js';
export type {
  ChildMapping,
  DirectMapping,
  DirectSource,
  MapOptions,
  MappedValues,
  MapperContext,
  MaybePromise,
  Modifier,
  SourceRecord,
} from './mapper/mapper-types.js';
export {
  changedBy,
  mapping,
  mappingMarkOf,
  onlyCreate,
  type AnyMethod,
  type MappingMark,
} from './mapper/mapping-decorators.js';
export { mappingDefinitions, type MappingDefinition } from './mapper/mapping-definitions.js';
export { defineModifier } from './mapper/modifier.js';
export { none } from './mapper/none-modifier.js';
export { one2manyOwner, type One2manyOwner } from './mapper/one2many-owner.js';
export { isEmpty, isSelected, readSource, sourceFieldOf } from './mapper/source-values.js';
export {
  SyncImportMapChild,
  type SyncImportMapChildComponent,
} from './mapper/sync-import-map-child.js';
export { connectorMigrations } from './migrations/connector-migrations.js';
export {
  BatchImporter,
  type BatchImporterComponent,
  type BatchImportResult,
} from './synchronizer/base-batch-importer.js';
export { BaseDeleter } from './synchronizer/base-deleter.js';
export { BaseExporter } from './synchronizer/base-exporter.js';
export { BaseImporter } from './synchronizer/base-importer.js';
export { Synchronizer, type SynchronizerComponent } from './synchronizer/base-synchronizer.js';
export type { ImportItem } from './synchronizer/bulk-import.js';
export { DelayedBatchImporter } from './synchronizer/delayed-batch-importer.js';
export { DirectBatchImporter } from './synchronizer/direct-batch-importer.js';
export {
  exportDependency,
  type ExportDependencyOptions,
  type RelatedRecord,
} from './synchronizer/export-dependency.js';
export {
  exportResult,
  type ExportResult,
  type ExportStatus,
} from './synchronizer/export-result.js';
export { GenericDeleter, type DeleterComponent } from './synchronizer/generic-deleter.js';
export {
  GenericExporter,
  type ExportRunOptions,
  type RecordExporterComponent,
} from './synchronizer/generic-exporter.js';
export {
  GenericImporter,
  type ImportDependencyOptions,
  type ImportRunOptions,
  type RecordImporterComponent,
} from './synchronizer/generic-importer.js';
export {
  importResult,
  type ImportResult,
  type ImportStatus,
} from './synchronizer/import-result.js';
export { importDataError, splitValues, type SplitValues } from './synchronizer/import-values.js';
export type { BinderComponent } from './typed-components.js';
