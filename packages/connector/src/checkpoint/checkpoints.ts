import type { Env, RecordId } from '@bindery/model';
import type { BackendRef } from '../backend/backend.js';
import { CHECKPOINT_MODEL, type CheckpointRow, type CheckpointState } from './checkpoint-model.js';

/** What to put in the review queue. */
export interface CheckpointInput {
  /** The model of the record to review (must exist). */
  readonly model: string;
  readonly recordId: RecordId;
  /** The backend it came from (a `Backend` or `{ model, id }`). */
  readonly backend: BackendRef | { readonly name: string; readonly id: RecordId };
  /** Default: "A <model description> needs a review." */
  readonly message?: string;
}

/** Filters of `list` / `count`; omitted filters match everything. */
export interface CheckpointFilter {
  readonly state?: CheckpointState;
  readonly model?: string;
  readonly recordId?: RecordId;
  readonly backend?: BackendRef;
}

/** Paging of `list` (newest first). */
export interface CheckpointPage {
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * The review queue of imported records in `env` (its user reviews). Made by {@link checkpoints}.
 *
 * @example
 * ```ts
 * await checkpoints(env).add({ model: 'product.product', recordId: 7, backend });
 * const todo = await checkpoints(env).list({ state: 'need_review' });
 * await checkpoints(env).markReviewed(todo.map((c) => c.id));
 * ```
 */
export class Checkpoints {
  readonly env: Env;

  constructor(env: Env) {
    this.env = env;
  }

  /** Add a record to review; `UnknownModelError` when its model does not exist. */
  async add(input: CheckpointInput): Promise<CheckpointRow> {
    const model = this.env.models.get(input.model);
    const backendModel = 'model' in input.backend ? input.backend.model : input.backend.name;
    const row = await this.env.model(CHECKPOINT_MODEL).create({
      model: model.name,
      record_id: input.recordId,
      backend_model: backendModel,
      backend_id: input.backend.id,
      state: 'need_review',
      message: input.message ?? `A ${model.description ?? model.name} needs a review.`,
      company_id: this.env.companyId === undefined ? null : String(this.env.companyId),
    });
    return row as unknown as CheckpointRow;
  }

  /** Checkpoints matching `filter`, newest first. */
  async list(filter: CheckpointFilter = {}, page: CheckpointPage = {}): Promise<CheckpointRow[]> {
    const rows = await this.env.model(CHECKPOINT_MODEL).search(where(filter), {
      orderBy: [['id', 'desc']],
      ...(page.limit === undefined ? {} : { limit: page.limit }),
      ...(page.offset === undefined ? {} : { offset: page.offset }),
    });
    return rows as unknown as CheckpointRow[];
  }

  /** How many checkpoints match `filter`. */
  count(filter: CheckpointFilter = {}): Promise<number> {
    return this.env.model(CHECKPOINT_MODEL).searchCount(where(filter));
  }

  /**
   * Mark checkpoints reviewed by the env's user; those already reviewed (or missing) are left as
   * they are. Returns the checkpoints changed.
   */
  async markReviewed(ids: readonly RecordId[]): Promise<CheckpointRow[]> {
    if (ids.length === 0) return [];
    const api = this.env.model(CHECKPOINT_MODEL);
    const todo = await api.search((eb) =>
      eb.and([eb('record.id', 'in', [...ids]), eb('record.state', '=', 'need_review')]),
    );
    if (todo.length === 0) return [];
    const rows = await api.write(
      todo.map((row) => row.id),
      {
        state: 'reviewed',
        reviewed_at: new Date(),
        reviewed_by: this.env.userId === undefined ? null : String(this.env.userId),
      },
    );
    return rows as unknown as CheckpointRow[];
  }
}

/** The review queue of `env`. */
export function checkpoints(env: Env): Checkpoints {
  return new Checkpoints(env);
}

function where(filter: CheckpointFilter): Record<string, unknown> {
  const conditions: Record<string, unknown> = {};
  if (filter.state !== undefined) conditions['state'] = filter.state;
  if (filter.model !== undefined) conditions['model'] = filter.model;
  if (filter.recordId !== undefined) conditions['record_id'] = filter.recordId;
  if (filter.backend !== undefined) {
    conditions['backend_model'] = filter.backend.model;
    conditions['backend_id'] = filter.backend.id;
  }
  return conditions;
}
