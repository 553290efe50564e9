/**
 * Test doubles of `@bindery/connector` for connector authors: an in-memory external system and a
 * CRUD adapter over it.
 *
 * @packageDocumentation
 */
export { FakeBackendApi, type FakeApiCall, type FakeSearchFilters } from './fake-backend-api.js';
export { fakeCrudAdapter, type FakeCrudAdapterOptions } from './fake-crud-adapter.js';
