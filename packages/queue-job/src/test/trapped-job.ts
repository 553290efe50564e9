import type { Env } from '@bindery/model';
import type { PreparedJob } from '../engine/prepared-job.js';

/** The enqueue properties a trapped job was given (after defaults). */
export interface TrappedJobProperties {
  readonly priority: number;
  readonly eta: Date | undefined;
  readonly maxRetries: number;
  readonly description: string;
  readonly channel: string;
  readonly identityKey: string | undefined;
}

/** A job `delay` was called for while jobs were trapped. */
export interface TrappedJob {
  readonly id: string;
  readonly functionName: string;
  /** The arguments as stored (decoded from their frozen form). */
  readonly args: unknown;
  readonly properties: TrappedJobProperties;
  readonly graphId: string | undefined;
  /** Ids of the trapped jobs it depends on. */
  readonly dependsOn: readonly string[];
  /** @internal */
  readonly prepared: PreparedJob;
  /** @internal The env it was enqueued in. */
  readonly env: Env;
}
