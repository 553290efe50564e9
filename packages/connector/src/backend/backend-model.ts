import { defineModel, field, type ModelDeclaration, type ModelDefinition } from '@bindery/model';

/** Options of {@link defineBackendModel}: a model declaration whose `name` field is implicit. */
export type BackendModelDeclaration = Omit<ModelDeclaration, 'fields'> & {
  /** The backend's own fields (location, credentials, version...). */
  readonly fields?: ModelDeclaration['fields'];
};

/**
 * Declare a backend model (upstream `connector.backend`): a required `name` plus the backend's
 * own fields. Its table comes from {@link createBackendTable}; its name is the `collection` of
 * the connector's components.
 *
 * @example
 * ```ts
 * export const ShopBackendModel = defineBackendModel({
 *   name: 'shop.backend',
 *   fields: { location: field.text({ required: true }), token: field.text() },
 * });
 * ```
 */
export function defineBackendModel(declaration: BackendModelDeclaration): ModelDefinition {
  const { fields, ...rest } = declaration;
  return defineModel({
    ...rest,
    fields: { name: field.text({ required: true, label: 'Name' }), ...fields },
  });
}
