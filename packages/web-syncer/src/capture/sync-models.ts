import type { Addon } from '@bindery/component';
import type { ModelRegistry, ResolvedModel } from '@bindery/model';
import { SyncerConfigError } from '../errors/syncer-config-error.js';
import type { RelatedValue, Satellite, SyncModelInfo } from './sync-model-info.js';

interface Draft {
  readonly related: Map<string, RelatedValue[]>;
  readonly satellites: Satellite[];
}

/**
 * What the web-syncer knows of an app's models: which emit notifications, their related values
 * by root field, and the satellites (parents to tell) of every model — built once per model
 * registry from the models and the `webSyncer` options of the addons (st. 3–6).
 */
export class SyncModels {
  readonly #infos: ReadonlyMap<string, SyncModelInfo>;
  /** The model of users (`user_id.name`), when an addon names one. */
  readonly userModel: ResolvedModel | undefined;

  private constructor(
    infos: ReadonlyMap<string, SyncModelInfo>,
    userModel: ResolvedModel | undefined,
  ) {
    this.#infos = infos;
    this.userModel = userModel;
  }

  /** The info of a model, or `undefined` when the web-syncer has nothing to do for it. */
  get(model: string): SyncModelInfo | undefined {
    return this.#infos.get(model);
  }

  /** Names of the models with `implementsSyncer`. */
  syncableModels(): string[] {
    return [...this.#infos.values()].filter((info) => info.syncable).map((info) => info.model.name);
  }

  /** Build from a model registry and the addons (in dependency order). Throws `SyncerConfigError`. */
  static build(models: ModelRegistry, addons: readonly Addon[]): SyncModels {
    const drafts = new Map<string, Draft>();
    const draftOf = (name: string): Draft => {
      let draft = drafts.get(name);
      if (draft === undefined) {
        draft = { related: new Map(), satellites: [] };
        drafts.set(name, draft);
      }
      return draft;
    };
    const inverseNames = mergeInverseNames(addons);
    for (const name of models.names()) {
      const model = models.get(name);
      if (!model.implementsSyncer) continue;
      for (const [fieldName, definition] of model.fields) {
        if (definition.type !== 'one2many' && definition.type !== 'many2many') continue;
        const satellite = satelliteOf(
          models,
          model,
          fieldName,
          inverseNames.get(`${name}.${fieldName}`),
        );
        if (satellite !== undefined) draftOf(definition.target ?? '').satellites.push(satellite);
      }
    }
    for (const addon of addons) {
      for (const [modelName, values] of Object.entries(addon.webSyncer?.related ?? {})) {
        for (const [key, path] of Object.entries(values)) {
          const related = resolveRelated(models, modelName, key, path, addon.name);
          const root = related.hops[0]?.field ?? '';
          const list = draftOf(modelName).related.get(root) ?? [];
          draftOf(modelName).related.set(root, [...list, related]);
        }
      }
    }
    return new SyncModels(finish(models, drafts), userModelOf(models, addons));
  }
}

function finish(
  models: ModelRegistry,
  drafts: ReadonlyMap<string, Draft>,
): Map<string, SyncModelInfo> {
  const infos = new Map<string, SyncModelInfo>();
  for (const name of models.names()) {
    const model = models.get(name);
    const draft = drafts.get(name);
    if (!model.implementsSyncer && draft === undefined) continue;
    const satellites = Object.freeze([...(draft?.satellites ?? [])]);
    const inverseFields = new Set<string>();
    for (const satellite of satellites) {
      if (satellite.kind !== 'one2many') continue;
      for (const inverse of satellite.inverses) inverseFields.add(inverse);
      if (satellite.fake !== undefined) inverseFields.add(satellite.fake.modelField);
    }
    infos.set(
      name,
      Object.freeze({
        model,
        syncable: model.implementsSyncer,
        relatedByRoot: draft?.related ?? new Map(),
        satellites,
        inverseFields: Object.freeze([...inverseFields]),
        singleStatement: distinctSources(model, satellites),
      }),
    );
  }
  return infos;
}

/** True when the record's own row and each satellite's rows are rows of different models. */
function distinctSources(model: ResolvedModel, satellites: readonly Satellite[]): boolean {
  const channels = satellites.map((satellite) => satellite.parent.name);
  if (model.implementsSyncer) channels.push(model.name);
  return new Set(channels).size === channels.length;
}

function mergeInverseNames(addons: readonly Addon[]): Map<string, readonly string[]> {
  const merged = new Map<string, readonly string[]>();
  for (const addon of addons) {
    for (const [key, names] of Object.entries(addon.webSyncer?.inverseNames ?? {}))
      merged.set(key, names);
  }
  return merged;
}

/** The satellite a syncable model's x2many field registers on its comodel, if any (st. 4–5). */
function satelliteOf(
  models: ModelRegistry,
  parent: ResolvedModel,
  field: string,
  inverseNames: readonly string[] | undefined,
): Satellite | undefined {
  const definition = parent.fields.get(field);
  const child = models.get(definition?.target ?? '');
  if (definition?.type === 'many2many') {
    const back = [...child.fields.values()].filter(
      (f) => f.type === 'many2many' && f.target === parent.name,
    );
    if (back.length !== 1 || definition.relation === undefined) return undefined;
    return Object.freeze({ kind: 'many2many', parent, field, relation: definition.relation });
  }
  const inverses = inverseNames ?? (definition?.inverse === undefined ? [] : [definition.inverse]);
  for (const inverse of inverses) {
    const type = child.fields.get(inverse)?.type;
    if (type !== 'many2one' && type !== 'integer') {
      throw new SyncerConfigError(
        parent.name,
        field,
        `inverse '${child.name}.${inverse}' must be a many2one (or an integer res_id)`,
      );
    }
  }
  const fakeField = ['res_model', 'model'].find((name) => child.fields.get(name)?.type === 'text');
  const fake =
    inverses.includes('res_id') &&
    child.fields.get('res_id')?.type === 'integer' &&
    fakeField !== undefined
      ? { modelField: fakeField }
      : undefined;
  const membership = definition?.inverse ?? inverses[0] ?? '';
  return Object.freeze({
    kind: 'one2many',
    parent,
    field,
    inverses: Object.freeze([...inverses]),
    membership,
    fake,
  });
}

function resolveRelated(
  models: ModelRegistry,
  modelName: string,
  key: string,
  path: string,
  addon: string,
): RelatedValue {
  if (!models.has(modelName))
    throw new SyncerConfigError(modelName, key, 'unknown model in related', addon);
  const parts = path.split('.');
  if (parts.length < 2)
    throw new SyncerConfigError(
      modelName,
      key,
      `related path '${path}' needs a many2one root and a field`,
      addon,
    );
  const hops: RelatedValue['hops'][number][] = [];
  let model = models.get(modelName);
  for (const [index, part] of parts.entries()) {
    const definition = model.fields.get(part);
    if (definition === undefined)
      throw new SyncerConfigError(
        modelName,
        key,
        `'${model.name}' has no field '${part}' (path '${path}')`,
        addon,
      );
    hops.push({ model, field: part, definition });
    if (index === parts.length - 1) break;
    if (definition.type !== 'many2one')
      throw new SyncerConfigError(
        modelName,
        key,
        `'${model.name}.${part}' is not a many2one (path '${path}')`,
        addon,
      );
    model = models.get(definition.target ?? '');
  }
  const last = hops.at(-1)?.definition;
  if (last?.type === 'one2many' || last?.type === 'many2many') {
    throw new SyncerConfigError(
      modelName,
      key,
      `related path '${path}' must end on a stored field`,
      addon,
    );
  }
  return Object.freeze({ key, hops: Object.freeze(hops) });
}

function userModelOf(models: ModelRegistry, addons: readonly Addon[]): ResolvedModel | undefined {
  let name: string | undefined;
  for (const addon of addons) name = addon.webSyncer?.userModel ?? name;
  if (name === undefined) return undefined;
  if (!models.has(name)) throw new SyncerConfigError(name, 'userModel', 'unknown model');
  return models.get(name);
}

const cache = new WeakMap<ModelRegistry, SyncModels>();

/** The {@link SyncModels} of a model registry, built once. @internal */
export function syncModelsOf(models: ModelRegistry, addons: readonly Addon[]): SyncModels {
  let built = cache.get(models);
  if (built === undefined) {
    built = SyncModels.build(models, addons);
    cache.set(models, built);
  }
  return built;
}
