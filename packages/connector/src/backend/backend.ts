import type { Collection } from '@bindery/component';
import type { Env, RecordId } from '@bindery/model';
import type { BackendResourcesFactory } from './backend-definition.js';
import { BackendWorkContext } from './backend-work-context.js';

/** A backend row: an id, a name and the backend's own fields. */
export interface BackendRecord {
  readonly id: RecordId;
  readonly name?: unknown;
  readonly [field: string]: unknown;
}

/** A backend by model and id: what jobs and checkpoints store. */
export interface BackendRef {
  readonly model: string;
  readonly id: RecordId;
}

interface ResourceCell<TResources> {
  value: TResources | undefined;
}

/** Options to create a {@link Backend}; usually made by `openBackend`. */
export interface BackendOptions<TResources extends object> {
  /** The backend model name (the collection name). */
  readonly model: string;
  readonly record: BackendRecord;
  readonly env: Env;
  readonly resources?: BackendResourcesFactory<TResources> | undefined;
}

/**
 * One backend record as the components' **collection**: `name` is the backend model (what
 * components declare as `collection`), `record` the row, `resources` built once per backend
 * object on first use. `workOn(model)` opens a work context for a model.
 *
 * @example
 * ```ts
 * const backend = await openBackend(env, 'shop.backend', 1);
 * const importer = backend.workOn('shop.product.binding').component({ usage: 'record.importer' });
 * await importer.run('42');
 * ```
 */
export class Backend<TResources extends object = object> implements Collection {
  /** The backend model name, e.g. `'shop.backend'`. */
  readonly name: string;
  readonly id: RecordId;
  readonly record: BackendRecord;
  readonly env: Env;
  readonly #factory: BackendResourcesFactory<TResources> | undefined;
  readonly #cell: ResourceCell<TResources>;

  constructor(
    options: BackendOptions<TResources>,
    cell: ResourceCell<TResources> = { value: undefined },
  ) {
    this.name = options.model;
    this.id = options.record.id;
    this.record = Object.freeze({ ...options.record });
    this.env = options.env;
    this.#factory = options.resources;
    this.#cell = cell;
  }

  /** The backend's resources (built once, on first use); `{}` when the definition has none. */
  get resources(): TResources {
    if (this.#cell.value === undefined) {
      this.#cell.value = Object.freeze(
        this.#factory === undefined ? ({} as TResources) : this.#factory(this),
      );
    }
    return this.#cell.value;
  }

  /** `{ model, id }`, to store in job arguments and checkpoints. */
  get ref(): BackendRef {
    return { model: this.name, id: this.id };
  }

  /**
   * A work context on `modelName` for this backend: env, this backend as collection, and
   * `extra` = the resources plus `extra` (which wins on conflicts).
   */
  workOn<TExtra extends object = Record<never, never>>(
    modelName: string,
    extra?: TExtra,
  ): BackendWorkContext<TResources & TExtra> {
    return new BackendWorkContext<TResources & TExtra>({
      registry: this.env.components,
      collection: this,
      modelName,
      env: this.env,
      extra: { ...this.resources, ...extra } as TResources & TExtra,
    });
  }

  /** The same backend in another env (a transaction); the resources are shared, not rebuilt. */
  withEnv(env: Env): Backend<TResources> {
    return new Backend<TResources>(
      { model: this.name, record: this.record, env, resources: this.#factory },
      this.#cell,
    );
  }

  toString(): string {
    return `Backend(${this.name}, ${String(this.id)})`;
  }
}
