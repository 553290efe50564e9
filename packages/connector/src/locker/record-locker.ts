import { defineComponent, type ComponentDefinition } from '@bindery/component';
import type { RecordId } from '@bindery/model';
import { BaseConnector, type ConnectorComponent } from '../core/base-connector-component.js';
import { RecordLockedError } from '../errors/record-locked-error.js';
import { isLockNotAvailable, lockRowsNowait } from '../locks/row-lock.js';

/** Options of `locker.lock`. */
export interface RecordLockOptions {
  /** Retry after this many seconds; the job's retry pattern when absent. */
  readonly seconds?: number;
  /** Do not count the retry against the job's tries. @defaultValue true */
  readonly ignoreRetry?: boolean;
}

/** The instance type of {@link RecordLocker}. */
export interface RecordLockerComponent extends ConnectorComponent {
  /** Lock records (rows or ids) of the work model until the transaction ends. */
  lock(
    records: readonly (RecordId | { readonly id: RecordId })[],
    options?: RecordLockOptions,
  ): Promise<void>;
}

/**
 * `'base.record.locker'` (usage `record.locker`, concrete, any backend and model): locks rows of
 * the **work model's** table with `FOR UPDATE NOWAIT` until the transaction ends, or throws the
 * retryable `RecordLockedError` when a concurrent transaction holds one (upstream
 * `RecordLocker`). Only `lock_not_available` is caught; an empty list does nothing.
 *
 * @example
 * ```ts
 * await this.component({ usage: 'record.locker', modelName: 'sale.order' }).lock([orderId]);
 * ```
 */
export const RecordLocker: ComponentDefinition<RecordLockerComponent> = defineComponent(
  { name: 'base.record.locker', inherit: BaseConnector, usage: 'record.locker' },
  (Base) =>
    class extends Base {
      async lock(
        records: readonly (RecordId | { readonly id: RecordId })[],
        options: RecordLockOptions = {},
      ): Promise<void> {
        const ids = records.map((record) => (typeof record === 'object' ? record.id : record));
        if (ids.length === 0) return;
        try {
          await lockRowsNowait(this.env, this.env.models.get(this.modelName).table, ids);
        } catch (error) {
          if (!isLockNotAvailable(error)) throw error;
          throw new RecordLockedError({
            model: this.modelName,
            ids,
            during: 'lock',
            seconds: options.seconds,
            ignoreRetry: options.ignoreRetry ?? true,
            cause: error,
          });
        }
      }
    },
);
