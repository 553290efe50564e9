import {
  defineComponent,
  type Component,
  type ComponentDefinition,
  type ComponentByName,
  type ComponentByUsage,
  type ComponentName,
  type ComponentQuery,
  type ComponentUsage,
  type WorkContext,
} from '@bindery/component';
import type { Env, RecordId } from '@bindery/model';
import {
  queueFor,
  type DelayOptions,
  type EnqueuedJob,
  type JobFunction,
} from '@bindery/queue-job';
import { Backend } from '../backend/backend.js';
import { workWithEnv } from '../backend/backend-work-context.js';
import { checkpoints } from '../checkpoint/checkpoints.js';
import type { CheckpointRow } from '../checkpoint/checkpoint-model.js';
import { AdvisoryLockError } from '../errors/advisory-lock-error.js';
import { ConnectorConfigError } from '../errors/connector-config-error.js';
import { pgTryAdvisoryLock } from '../locks/advisory-lock.js';
import type { BinderComponent } from '../typed-components.js';

/**
 * What every connector component has (the instance type of {@link BaseConnector}), written out
 * so that the other components' types can refer to it.
 */
export interface ConnectorComponent extends Component {
  /** The work context bound to the transaction in progress, if any (see `inTransaction`). */
  transactionWork: WorkContext | undefined;
  /** The work context in effect: the transaction's while one runs, else `this.work`. */
  readonly activeWork: WorkContext;
  /** The env in effect: the transaction's inside `inTransaction`. */
  readonly env: Env;
  /** The backend: the work context's collection (upstream `backend_record`). */
  readonly backendRecord: Backend;
  /** The binder of `modelName` (default: the work model). */
  binderFor(modelName?: string): BinderComponent;
  /** Take an advisory lock or throw the retryable `AdvisoryLockError`. */
  advisoryLockOrRetry(lock: string, retrySeconds?: number): Promise<void>;
  /** Run `fn` in a transaction (a savepoint when nested); `this.env` is bound to it meanwhile. */
  inTransaction<TResult>(fn: () => Promise<TResult>): Promise<TResult>;
  /** Enqueue a job through the app's queue, in the current transaction. */
  delay<TArgs>(
    fn: JobFunction<TArgs, unknown>,
    args: NoInfer<TArgs>,
    options?: DelayOptions<NoInfer<TArgs>>,
  ): Promise<EnqueuedJob>;
  /** Put a record in the review queue, as imported from this backend (upstream `add_checkpoint`). */
  addCheckpoint(model: string, recordId: RecordId, message?: string): Promise<CheckpointRow>;
}

/**
 * `'base.connector'`: the abstract component every connector component inherits (upstream
 * `BaseConnectorComponent`). It knows its backend, finds binders, takes advisory locks, enqueues
 * jobs, and runs work in a transaction: inside {@link BaseConnectorComponent.inTransaction},
 * `this.env` and every component looked up through `this` are bound to the transaction.
 */
export const BaseConnector: ComponentDefinition<ConnectorComponent> = defineComponent(
  { name: 'base.connector', abstract: true },
  (Base) =>
    class BaseConnectorComponent extends Base {
      /** The work context bound to the transaction in progress, if any (see `inTransaction`). */
      transactionWork: WorkContext | undefined = undefined;

      /** The work context in effect: the transaction's while one runs, else `this.work`. */
      get activeWork(): WorkContext {
        return this.transactionWork ?? this.work;
      }

      /** The env in effect: the transaction's inside `inTransaction`. */
      override get env(): Env {
        return this.activeWork.env;
      }

      /** The backend: the work context's collection (upstream `backend_record`). */
      get backendRecord(): Backend {
        const collection = this.work.collection;
        if (!(collection instanceof Backend)) {
          throw new ConnectorConfigError(
            'binding-model',
            `${this.componentName} needs a backend as collection; open one with openBackend(env, model, id).workOn(model).`,
          );
        }
        return collection;
      }

      /** Lookups go through the context in effect, so components found inside a transaction use it. */
      override component<const TUsage extends ComponentUsage | undefined = undefined>(
        query: ComponentQuery<TUsage> = {},
      ): ComponentByUsage<TUsage> {
        return this.activeWork.component(query);
      }

      override manyComponents<const TUsage extends ComponentUsage | undefined = undefined>(
        query: ComponentQuery<TUsage> = {},
      ): ComponentByUsage<TUsage>[] {
        return this.activeWork.manyComponents(query);
      }

      override componentByName<const TName extends ComponentName>(
        name: TName,
        options: { readonly modelName?: string } = {},
      ): ComponentByName<TName> {
        return this.activeWork.componentByName(name, options);
      }

      /** The binder of `modelName` (default: the work model): `component({ usage: 'binder', modelName })`. */
      binderFor(modelName?: string): BinderComponent {
        return this.component({ usage: 'binder', modelName: modelName ?? this.modelName });
      }

      /**
       * Take the transaction-level advisory lock of `lock`, or throw `AdvisoryLockError` (a
       * `RetryableJobError` with `ignoreRetry`, postponed by `retrySeconds`) when another
       * transaction holds it. Needs a transaction.
       */
      async advisoryLockOrRetry(lock: string, retrySeconds = 1): Promise<void> {
        if (!(await pgTryAdvisoryLock(this.env, lock)))
          throw new AdvisoryLockError(lock, retrySeconds);
      }

      /**
       * Run `fn` in a transaction of `this.env` (a savepoint when one is already open): while it
       * runs, `this.env` and the components looked up through `this` are bound to it. Commits
       * when `fn` resolves, rolls back when it throws.
       */
      async inTransaction<TResult>(fn: () => Promise<TResult>): Promise<TResult> {
        const outer = this.transactionWork;
        return this.env.transaction(async (tx) => {
          this.transactionWork = workWithEnv(this.work, tx);
          try {
            return await fn();
          } finally {
            this.transactionWork = outer;
          }
        });
      }

      /**
       * Enqueue a job in the current transaction through the app's queue (the `QueueJob`
       * constructed with the app's registries, `queueFor(env)`; `NoQueueError` without one),
       * upstream's `with_delay()`.
       */
      async delay<TArgs>(
        fn: JobFunction<TArgs, unknown>,
        args: NoInfer<TArgs>,
        options?: DelayOptions<NoInfer<TArgs>>,
      ): Promise<EnqueuedJob> {
        return queueFor(this.env).for(this.env).delay(fn, args, options);
      }

      /** Put a record in the review queue, as imported from this backend (upstream `add_checkpoint`). */
      addCheckpoint(model: string, recordId: RecordId, message?: string): Promise<CheckpointRow> {
        return checkpoints(this.env).add({
          model,
          recordId,
          backend: this.backendRecord.ref,
          message,
        });
      }
    },
);
