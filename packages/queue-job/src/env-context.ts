// Type-only module: the env context keys this package reads and sets.
declare module '@bindery/model' {
  interface EnvContext {
    /** Set while a job runs: its id (queue_job's `job_uuid`). */
    readonly queueJobUuid?: string;
    /** Run jobs at once instead of storing them (queue_job's `queue_job__no_delay`). */
    readonly queueJobNoDelay?: boolean;
  }
}

export {};
