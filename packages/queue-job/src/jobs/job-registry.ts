import type { Addon } from '@bindery/component';
import { JobDefinitionError } from '../errors/job-definition-error.js';
import { UnknownJobFunctionError } from '../errors/unknown-job-function-error.js';
import { normalizeChannelName } from '../channels/channel-tree.js';
import { isJobFunction, type JobFunction } from './job-definition.js';

/**
 * The job functions of an app, collected from its addons' `jobs`, and the channels they declare.
 * Built once; read-only.
 */
export class JobRegistry {
  readonly #functions = new Map<string, JobFunction<never, unknown>>();
  readonly #channels = new Set<string>(['root']);

  /** Collect the `jobs` and `channels` of `addons` (a name registered twice is an error). */
  static fromAddons(addons: readonly Addon[]): JobRegistry {
    const registry = new JobRegistry();
    for (const addon of addons) {
      for (const channel of addon.channels ?? [])
        registry.#channels.add(normalizeChannelName(channel));
      for (const fn of addon.jobs ?? []) registry.#add(fn, addon.name);
    }
    return registry;
  }

  #add(fn: JobFunction<never, unknown>, addonName: string): void {
    if (!isJobFunction(fn))
      throw new JobDefinitionError(
        typeof fn,
        `addon '${addonName}' lists a job that defineJob did not make`,
      );
    const existing = this.#functions.get(fn.name);
    if (existing !== undefined && existing !== fn)
      throw new JobDefinitionError(fn.name, 'registered twice');
    this.#functions.set(fn.name, fn);
    this.#channels.add(fn.channel);
  }

  /** The job function of a name; {@link UnknownJobFunctionError} when none. */
  get(name: string): JobFunction<never, unknown> {
    const fn = this.#functions.get(name);
    if (fn === undefined) throw new UnknownJobFunctionError(name);
    return fn;
  }

  /** True when a job function has this name. */
  has(name: string): boolean {
    return this.#functions.has(name);
  }

  /** Every registered name. */
  names(): string[] {
    return [...this.#functions.keys()];
  }

  /** Channels declared by the addons and job functions (complete names). */
  declaredChannels(): string[] {
    return [...this.#channels];
  }
}
