import { IDMissingInBackendError } from '../errors/id-missing-in-backend-error.js';
import type { MappedValues, SourceRecord } from '../mapper/mapper-types.js';

/** One call the fake received. */
export interface FakeApiCall {
  readonly method: 'search' | 'read' | 'searchRead' | 'create' | 'write' | 'delete';
  readonly resource: string;
  readonly id?: string;
  readonly data?: MappedValues;
}

/** Filters the fake's `search` understands: equality on fields, plus paging. */
export interface FakeSearchFilters {
  readonly where?: Readonly<Record<string, unknown>>;
  readonly offset?: number;
  readonly limit?: number;
}

type Hook = (call: FakeApiCall) => void | Promise<void>;

/**
 * An in-memory external system for tests and examples: resources (`'products'`) of records with
 * string ids. `read`/`write`/`delete` of an unknown id throw `IDMissingInBackendError`; `create`
 * returns the new id. Every call is logged in `calls`; `before(hook)` runs a hook before each
 * call (to fail it, slow it down, or wait for a signal).
 *
 * @example
 * ```ts
 * const api = new FakeBackendApi();
 * api.seed('products', [{ id: '1', name: 'Pen' }]);
 * const backend = defineBackend({ model: 'shop.backend', resources: () => ({ api }) });
 * ```
 */
export class FakeBackendApi {
  readonly #resources = new Map<string, Map<string, Record<string, unknown>>>();
  readonly calls: FakeApiCall[] = [];
  #hooks: Hook[] = [];
  #nextId = 1000;

  /** Add or replace records (each needs an `id`). */
  seed(resource: string, records: readonly SourceRecord[]): void {
    const store = this.#store(resource);
    for (const record of records)
      store.set(String(record['id']), { ...record, id: String(record['id']) });
  }

  /** Run `hook` before every call (until `clearHooks`). */
  before(hook: Hook): void {
    this.#hooks.push(hook);
  }

  /** Remove the hooks. */
  clearHooks(): void {
    this.#hooks = [];
  }

  /** The records of a resource, by id (a copy). */
  records(resource: string): Record<string, unknown>[] {
    return [...this.#store(resource).values()].map((record) => ({ ...record }));
  }

  async search(resource: string, filters: FakeSearchFilters = {}): Promise<string[]> {
    await this.#call({ method: 'search', resource });
    const matching = [...this.#store(resource).values()].filter((record) =>
      Object.entries(filters.where ?? {}).every(([key, value]) => record[key] === value),
    );
    const start = filters.offset ?? 0;
    const end = filters.limit === undefined ? undefined : start + filters.limit;
    return matching.slice(start, end).map((record) => String(record['id']));
  }

  async read(resource: string, id: string): Promise<SourceRecord> {
    await this.#call({ method: 'read', resource, id });
    return { ...this.#get(resource, id) };
  }

  async searchRead(resource: string, filters: FakeSearchFilters = {}): Promise<SourceRecord[]> {
    const ids = await this.search(resource, filters);
    return ids.map((id) => ({ ...this.#get(resource, id) }));
  }

  async create(resource: string, data: MappedValues): Promise<string> {
    await this.#call({ method: 'create', resource, data });
    const id = String(this.#nextId++);
    this.#store(resource).set(id, { ...data, id });
    return id;
  }

  async write(resource: string, id: string, data: MappedValues): Promise<void> {
    await this.#call({ method: 'write', resource, id, data });
    Object.assign(this.#get(resource, id), data);
  }

  async delete(resource: string, id: string): Promise<void> {
    await this.#call({ method: 'delete', resource, id });
    this.#get(resource, id);
    this.#store(resource).delete(id);
  }

  #store(resource: string): Map<string, Record<string, unknown>> {
    let store = this.#resources.get(resource);
    if (store === undefined) {
      store = new Map();
      this.#resources.set(resource, store);
    }
    return store;
  }

  #get(resource: string, id: string): Record<string, unknown> {
    const record = this.#store(resource).get(id);
    if (record === undefined) throw new IDMissingInBackendError(resource, id);
    return record;
  }

  async #call(call: FakeApiCall): Promise<void> {
    this.calls.push(call);
    for (const hook of this.#hooks) await hook(call);
  }
}
