/** Names of the objects the web-syncer addon creates (its migrations own them). @internal */
export const OUTBOX = Object.freeze({
  /** Coalesced events, one row per (transaction, channel, record). */
  event: 'web_syncer_event',
  /** One row per committed transaction that wrote events: its commit number. */
  commit: 'web_syncer_commit',
  /** Commit numbers, taken at commit time. */
  commitSeq: 'web_syncer_commit_seq',
  /** 1 while a dispatcher waits for a NOTIFY, 0 once a writer sent one. */
  wakeFlag: 'web_syncer_wake',
  /** One row: the highest commit number removed by retention. */
  gc: 'web_syncer_gc',
  /** The NOTIFY channel (a wake-up only: the payload is the commit number). */
  notifyChannel: 'web_syncer',
  /** Advisory lock class (`pg_advisory_xact_lock_shared(LOCK_CLASS, LOCK_COMMITTING)`). */
  lockClass: 1_465_057_280,
  /** Held (shared) by a transaction from before it takes its commit number until it ends. */
  lockCommitting: 1,
  /** Held by the process running retention. */
  lockRetention: 2,
});
