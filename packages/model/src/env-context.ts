/**
 * Flags and values carried by an env, immutable (`env.withContext({...})` returns a new env).
 * Packages augment it with their flags, e.g. `connectorNoExport?: boolean`.
 */
export interface EnvContext {
  /** Language of the user, for messages. */
  readonly lang?: string;
  /** Time zone of the user. */
  readonly tz?: string;
}

/** Who runs the code. */
export type UserId = string | number;
/** Which company the code runs for (multi-company apps). */
export type CompanyId = string | number;

/**
 * What is needed to rebuild an env elsewhere (a job, a request): user, company and the
 * allow-listed context. JSON-serialisable.
 */
export interface EnvSnapshot {
  readonly userId: UserId | undefined;
  readonly companyId: CompanyId | undefined;
  readonly context: Readonly<Record<string, unknown>>;
}
