import './typed-components.js';

export {
  buildAppRegistries,
  createEnv,
  type AppRegistries,
  type CreateEnvOptions,
} from './app-registries.js';
export { mapDatabaseError } from './database-error-mapping.js';
export { Env, type EnvOptions } from './env.js';
export type { CompanyId, EnvContext, EnvSnapshot, UserId } from './env-context.js';
export {
  ConstraintError,
  type ConstraintKind,
  type ConstraintViolation,
} from './errors/constraint-error.js';
export { FieldValueError } from './errors/field-value-error.js';
export { MigrationError } from './errors/migration-error.js';
export { MissingRecordError } from './errors/missing-record-error.js';
export {
  ModelDefinitionError,
  type ModelDefinitionErrorCode,
} from './errors/model-definition-error.js';
export { ModelError } from './errors/model-error.js';
export { UnknownFieldError } from './errors/unknown-field-error.js';
export { UnknownModelError } from './errors/unknown-model-error.js';
export {
  field,
  isStoredField,
  type FieldDefinition,
  type FieldOptions,
  type FieldType,
  type OnDelete,
} from './fields/field-definition.js';
export {
  migrate,
  MIGRATION_TABLE,
  type MigrateOptions,
  type MigrationReport,
  type PlannedMigration,
} from './migrations/migrate.js';
export type { Migration } from './migrations/migration.js';
export { modelAddon } from './model-addon.js';
export { ModelApi, type SearchOptions, type SearchWhere } from './model-api.js';
export {
  defineModel,
  extendModel,
  isModelDefinition,
  type ModelDeclaration,
  type ModelDefinition,
  type ModelFlags,
} from './model-definition.js';
export { ModelRegistry } from './model-registry.js';
export type { ResolvedModel } from './resolved-model.js';
export type {
  BinderyDatabase,
  ModelName,
  ModelsByName,
  ModelTable,
  RecordId,
} from './typed-models.js';
