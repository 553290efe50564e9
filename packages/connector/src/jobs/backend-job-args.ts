import type { Env } from '@bindery/model';
import type { Backend, BackendRef } from '../backend/backend.js';
import { openBackend } from '../backend/open-backend.js';

/** What every connector job names: a backend and a model. */
export interface BackendJobArgs {
  /** The backend (`backend.ref`). */
  readonly backend: BackendRef;
  /** The binding model to work on. */
  readonly model: string;
}

/** Open the backend of a job in the job's env. */
export function jobBackend(env: Env, args: BackendJobArgs): Promise<Backend> {
  return openBackend(env, args.backend);
}
