import type { Env } from '@bindery/model';

/** Records a job works on: what its default related action opens. */
export interface JobRecords {
  /** Model name, e.g. `'sale.order'`. */
  readonly model: string;
  /** Record ids. */
  readonly ids: readonly (string | number)[];
}

/**
 * What a UI should open for a job (queue_job's related action). The default action opens the
 * job's records: one record as `record`, several as `records`. Apps may return their own kinds.
 */
export type RelatedAction =
  | {
      readonly type: 'record';
      readonly name: string;
      readonly model: string;
      readonly id: string | number;
    }
  | {
      readonly type: 'records';
      readonly name: string;
      readonly model: string;
      readonly ids: readonly (string | number)[];
    }
  | { readonly type: 'url'; readonly name: string; readonly url: string };

/** What a related action function receives. */
export interface RelatedActionInput<TArgs> {
  /** The job's id. */
  readonly jobId: string;
  /** The job's decoded arguments. */
  readonly args: TArgs;
  /** The records of the job function's `records(args)`, if it has one. */
  readonly records: JobRecords | undefined;
  /**
   * The env of the admin API that asks (`queue.admin(env)`): its user and its database (or
   * transaction), to read what the action should open.
   */
  readonly env: Env;
}

/** The related action settings of a job function. */
export interface RelatedActionOptions<TArgs> {
  /** `false` disables the related action. @defaultValue true */
  readonly enable?: boolean;
  /**
   * Computes the action, synchronously or not (it may read the database through
   * {@link RelatedActionInput.env}); `undefined` means there is nothing to open. The default
   * opens {@link RelatedActionInput.records}.
   *
   * @example
   * ```ts
   * relatedAction: {
   *   action: async ({ env, args }) => {
   *     const [order] = await env.model('sale.order').search({ name: args.name });
   *     return order && { type: 'record', name: 'Order', model: 'sale.order', id: order.id };
   *   },
   * },
   * ```
   */
  readonly action?: (
    input: RelatedActionInput<TArgs>,
  ) => RelatedAction | undefined | Promise<RelatedAction | undefined>;
}

/** queue_job's default related action: nothing, the one record, or the list of records. */
export function openRelatedRecords(records: JobRecords | undefined): RelatedAction | undefined {
  if (records === undefined || records.ids.length === 0) return undefined;
  const [first] = records.ids;
  if (records.ids.length === 1 && first !== undefined) {
    return { type: 'record', name: 'Related Record', model: records.model, id: first };
  }
  return { type: 'records', name: 'Related Records', model: records.model, ids: [...records.ids] };
}
