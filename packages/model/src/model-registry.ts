import type { Addon } from '@bindery/component';
import { ModelDefinitionError } from './errors/model-definition-error.js';
import { UnknownModelError } from './errors/unknown-model-error.js';
import { ID_FIELD, isStoredField, type FieldDefinition } from './fields/field-definition.js';
import { isModelDefinition, type ModelDefinition, type ModelFlags } from './model-definition.js';
import type { ResolvedModel } from './resolved-model.js';

interface Draft {
  name: string;
  table: string;
  fields: Map<string, FieldDefinition>;
  flags: ModelFlags;
  addons: string[];
}

const MODEL_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * The models of an app, merged from the `models` of its addons in dependency order (pass
 * `componentRegistry.addons`, which is ordered). Frozen once built.
 */
export class ModelRegistry {
  readonly #models: ReadonlyMap<string, ResolvedModel>;

  private constructor(models: ReadonlyMap<string, ResolvedModel>) {
    this.#models = models;
    Object.freeze(this);
  }

  /** Build from addons already in dependency order. Throws `ModelDefinitionError`. */
  static build(addons: readonly Addon[]): ModelRegistry {
    const drafts = new Map<string, Draft>();
    for (const addon of addons) {
      for (const definition of addon.models ?? []) {
        if (!isModelDefinition(definition)) {
          throw new ModelDefinitionError(
            'invalid-model',
            '?',
            'models must be made with defineModel or extendModel',
            addon.name,
          );
        }
        if (definition.kind === 'define') defineDraft(drafts, definition, addon.name);
        else extendDraft(drafts, definition, addon.name);
      }
    }
    const resolved = new Map<string, ResolvedModel>();
    for (const draft of drafts.values()) resolved.set(draft.name, resolve(draft, drafts));
    return new ModelRegistry(resolved);
  }

  /** The model, or `UnknownModelError`. */
  get(name: string): ResolvedModel {
    const model = this.#models.get(name);
    if (model === undefined) throw new UnknownModelError(name, [...this.#models.keys()]);
    return model;
  }

  has(name: string): boolean {
    return this.#models.has(name);
  }

  /** Model names in definition order. */
  names(): string[] {
    return [...this.#models.keys()];
  }
}

function defineDraft(drafts: Map<string, Draft>, definition: ModelDefinition, addon: string): void {
  const { name } = definition;
  if (!MODEL_NAME.test(name)) {
    throw new ModelDefinitionError(
      'invalid-model',
      name,
      `Model name '${name}' must be dotted lowercase words`,
      addon,
    );
  }
  const existing = drafts.get(name);
  if (existing !== undefined) {
    throw new ModelDefinitionError(
      'duplicate-model',
      name,
      `Model '${name}' is already defined by addon '${existing.addons[0] ?? '?'}'; use extendModel to add fields`,
      addon,
    );
  }
  const draft: Draft = {
    name,
    table: definition.table ?? name.replaceAll('.', '_'),
    fields: new Map([['id', ID_FIELD]]),
    flags: {},
    addons: [],
  };
  drafts.set(name, draft);
  merge(draft, definition, addon);
}

function extendDraft(drafts: Map<string, Draft>, definition: ModelDefinition, addon: string): void {
  const draft = drafts.get(definition.name);
  if (draft === undefined) {
    throw new ModelDefinitionError(
      'unknown-model',
      definition.name,
      `Cannot extend model '${definition.name}': no addon this one depends on defines it`,
      addon,
    );
  }
  merge(draft, definition, addon);
}

function merge(draft: Draft, definition: ModelDefinition, addon: string): void {
  for (const [fieldName, fieldDefinition] of Object.entries(definition.fields)) {
    if (!COLUMN_NAME.test(fieldName)) {
      throw new ModelDefinitionError(
        'invalid-field',
        draft.name,
        `Field '${fieldName}' of '${draft.name}' must be a snake_case column name`,
        addon,
      );
    }
    if (draft.fields.has(fieldName)) {
      throw new ModelDefinitionError(
        'duplicate-field',
        draft.name,
        `Model '${draft.name}' already has a field '${fieldName}'`,
        addon,
      );
    }
    draft.fields.set(fieldName, fieldDefinition);
  }
  draft.flags = { ...draft.flags, ...withoutUndefined(definition.flags) };
  draft.addons.push(addon);
}

function withoutUndefined(flags: ModelFlags): ModelFlags {
  return Object.fromEntries(
    Object.entries(flags).filter(([, value]) => value !== undefined),
  ) as ModelFlags;
}

function resolve(draft: Draft, drafts: ReadonlyMap<string, Draft>): ResolvedModel {
  for (const [fieldName, definition] of draft.fields) {
    if (definition.target !== undefined && !drafts.has(definition.target)) {
      throw new ModelDefinitionError(
        'unknown-model',
        draft.name,
        `Field '${draft.name}.${fieldName}' points to unknown model '${definition.target}'`,
        draft.addons.at(-1),
      );
    }
  }
  const recordName = draft.flags.recordName ?? (draft.fields.has('name') ? 'name' : undefined);
  if (recordName !== undefined && !draft.fields.has(recordName)) {
    throw new ModelDefinitionError(
      'invalid-field',
      draft.name,
      `recordName '${recordName}' is not a field of '${draft.name}'`,
    );
  }
  return Object.freeze({
    name: draft.name,
    table: draft.table,
    fields: draft.fields,
    columns: Object.freeze(
      [...draft.fields].filter(([, definition]) => isStoredField(definition)).map(([name]) => name),
    ),
    recordName,
    implementsSyncer: draft.flags.implementsSyncer ?? false,
    syncEntire: draft.flags.syncEntire ?? false,
    description: draft.flags.description,
    addons: Object.freeze([...draft.addons]),
  });
}
