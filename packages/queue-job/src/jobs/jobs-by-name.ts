import type { JobFunction } from './job-definition.js';

/**
 * Job functions by name. Empty here; each package registers its job functions with module
 * augmentation, which types `delay` by name:
 *
 * ```ts
 * declare module '@bindery/queue-job' {
 *   interface JobsByName { 'shop.import_order': typeof importOrder }
 * }
 * ```
 */
export interface JobsByName {}

/** A key of an augmentable map, or any string once the map is empty (open fallback). */
type OpenKey<TMap> = [keyof TMap] extends [never] ? string : (keyof TMap & string) | (string & {});

/** A job function name: the registered ones (for autocompletion) or any string. */
export type JobName = OpenKey<JobsByName>;

/** The arguments of a registered job function, `unknown` for other names. */
export type JobArgs<TName extends string> = TName extends keyof JobsByName
  ? JobsByName[TName] extends JobFunction<infer TArgs, infer _TResult>
    ? TArgs
    : unknown
  : unknown;

/** The result of a registered job function, `unknown` for other names. */
export type JobResult<TName extends string> = TName extends keyof JobsByName
  ? JobsByName[TName] extends JobFunction<infer _TArgs, infer TResult>
    ? Awaited<TResult>
    : unknown
  : unknown;
