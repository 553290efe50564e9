import type { ComponentRegistry } from '@bindery/component';
import { sql, type Kysely } from 'kysely';
import type { CompanyId, EnvContext, EnvSnapshot, UserId } from './env-context.js';
import { ModelApi } from './model-api.js';
import type { ModelRegistry } from './model-registry.js';
import type { BinderyDatabase, ModelTable } from './typed-models.js';

/** Options to create an {@link Env}. */
export interface EnvOptions {
  /** A Kysely instance (or a transaction) over PostgreSQL. */
  readonly db: Kysely<BinderyDatabase>;
  readonly models: ModelRegistry;
  readonly components: ComponentRegistry;
  readonly userId?: UserId;
  readonly companyId?: CompanyId;
  readonly context?: EnvContext;
}

let savepointCounter = 0;

/**
 * Where code runs: a database handle (or the current transaction), the user and company, an
 * immutable context, and the model and component registries. Envs are cheap immutable values:
 * `withContext`, `withUser` and `transaction` derive new ones.
 *
 * @example
 * ```ts
 * const env = new Env({ db, models, components, userId: 1 });
 * await env.transaction(async (tx) => {
 *   const [order] = await tx.model('sale.order').create({ name: 'SO001' });
 *   await tx.model('sale.order').write(order.id, { state: 'sale' });
 * });
 * ```
 */
export class Env {
  /** Raw Kysely: the pool, or the transaction this env is bound to. */
  readonly db: Kysely<BinderyDatabase>;
  readonly models: ModelRegistry;
  readonly components: ComponentRegistry;
  readonly userId: UserId | undefined;
  readonly companyId: CompanyId | undefined;
  /** Frozen; derive another env with `withContext`. */
  readonly context: Readonly<EnvContext>;
  readonly #apis = new Map<string, ModelApi<never>>();

  constructor(options: EnvOptions) {
    this.db = options.db;
    this.models = options.models;
    this.components = options.components;
    this.userId = options.userId;
    this.companyId = options.companyId;
    this.context = Object.freeze({ ...options.context });
  }

  /** True when this env is bound to a transaction. */
  get inTransaction(): boolean {
    return this.db.isTransaction;
  }

  /** The record API of a model; `UnknownModelError` for an unknown name. */
  model<const TName extends string>(name: TName): ModelApi<ModelTable<TName>> {
    let api = this.#apis.get(name);
    if (api === undefined) {
      api = new ModelApi<never>(this, this.models.get(name));
      this.#apis.set(name, api);
    }
    return api as unknown as ModelApi<ModelTable<TName>>;
  }

  /** A new env with the context merged with `patch` (keys set to `undefined` are removed). */
  withContext(patch: Partial<EnvContext>): Env {
    const merged: Record<string, unknown> = { ...this.context, ...patch };
    for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
    return this.#derive({ context: merged as EnvContext });
  }

  /** A new env running as another user (and company). */
  withUser(userId: UserId | undefined, companyId: CompanyId | undefined = this.companyId): Env {
    return this.#derive({ userId, companyId });
  }

  /**
   * Run `fn` in a transaction and commit when it resolves, roll back when it throws. Inside a
   * transaction already, a savepoint makes the nested call roll back alone. Everything done
   * through the env given to `fn` belongs to the transaction.
   */
  async transaction<TResult>(fn: (env: Env) => Promise<TResult>): Promise<TResult> {
    if (!this.db.isTransaction) {
      return this.db.transaction().execute((trx) => fn(this.#derive({ db: trx })));
    }
    const name = sql.id(`bindery_sp_${++savepointCounter}`);
    await sql`savepoint ${name}`.execute(this.db);
    try {
      const result = await fn(this);
      await sql`release savepoint ${name}`.execute(this.db);
      return result;
    } catch (error) {
      await sql`rollback to savepoint ${name}`.execute(this.db);
      throw error;
    }
  }

  /**
   * User, company and the context keys in `allowList`, to rebuild this env elsewhere with
   * {@link Env.restore} (jobs, requests). Values must be JSON-serialisable.
   */
  snapshot(allowList: readonly string[]): EnvSnapshot {
    const context: Record<string, unknown> = {};
    const source = this.context as Record<string, unknown>;
    for (const key of allowList) if (source[key] !== undefined) context[key] = source[key];
    return Object.freeze({
      userId: this.userId,
      companyId: this.companyId,
      context: Object.freeze(context),
    });
  }

  /**
   * An env for a snapshot: same registries and database as `base`, the snapshot's user and
   * company, and only its allow-listed context keys (others are dropped).
   */
  static restore(base: Env, snapshot: EnvSnapshot, allowList: readonly string[]): Env {
    const context: Record<string, unknown> = {};
    for (const key of allowList)
      if (snapshot.context[key] !== undefined) context[key] = snapshot.context[key];
    return new Env({
      db: base.db,
      models: base.models,
      components: base.components,
      userId: snapshot.userId,
      companyId: snapshot.companyId,
      context: context as EnvContext,
    });
  }

  #derive(changes: Partial<EnvOptions>): Env {
    return new Env({
      db: this.db,
      models: this.models,
      components: this.components,
      userId: this.userId,
      companyId: this.companyId,
      context: this.context,
      ...changes,
    });
  }

  toString(): string {
    return `Env(user ${String(this.userId)}${this.inTransaction ? ', in transaction' : ''})`;
  }
}
