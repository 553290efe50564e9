import { WorkContext } from '@bindery/component';
import type { Env } from '@bindery/model';
import type { Backend } from './backend.js';

/**
 * The work context of a backend: `collection` is the {@link Backend}, `env` the env to work in,
 * `extra` the backend's resources plus the caller's extras. Made by `backend.workOn(model)`.
 */
export class BackendWorkContext<TExtra extends object = object> extends WorkContext<TExtra> {
  /** The backend (the collection). */
  get backend(): Backend {
    return this.collection as Backend;
  }

  /** The same context bound to another env (a transaction): same registry, backend, model and extra. */
  withEnv(env: Env): this {
    return this.clone({
      registry: this.registry,
      collection: this.collection,
      modelName: this.modelName,
      env,
      extra: this.extra as TExtra,
    });
  }
}

/**
 * `work` bound to `env`: `withEnv` for a {@link BackendWorkContext}, a plain `WorkContext` with the
 * same registry, collection, model and extra otherwise.
 */
export function workWithEnv(work: WorkContext, env: Env): WorkContext {
  if (work instanceof BackendWorkContext) return work.withEnv(env);
  return new WorkContext({
    registry: work.registry,
    collection: work.collection,
    modelName: work.modelName,
    env,
    extra: work.extra,
  });
}
