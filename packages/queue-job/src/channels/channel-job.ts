/** The scheduling facts of a job, as the channel dispatcher orders them. */
export interface ChannelJobFields {
  readonly uuid: string;
  /** Insertion sequence: the last tie-breaker. */
  readonly seq: number;
  /** Creation time (any comparable number, e.g. epoch seconds). */
  readonly dateCreated: number;
  /** Lower runs first (0 is the highest priority). */
  readonly priority: number;
  /** Not before this time (same unit as `dateCreated`); `undefined` or 0: no eta. */
  readonly eta?: number | undefined;
}

/**
 * A job as a channel queue sees it. Ordering: jobs with an eta come before all others (by eta,
 * then priority, creation, seq); the others by priority, creation, seq. Equality is identity.
 */
export class ChannelJob {
  readonly uuid: string;
  readonly seq: number;
  readonly dateCreated: number;
  readonly priority: number;
  /** Cleared when the eta has passed and the job competes normally. */
  eta: number | undefined;

  constructor(fields: ChannelJobFields) {
    this.uuid = fields.uuid;
    this.seq = fields.seq;
    this.dateCreated = fields.dateCreated;
    this.priority = fields.priority;
    this.eta = fields.eta === 0 ? undefined : fields.eta;
  }

  /** `this < other` in dispatch order. */
  lessThan(other: ChannelJob): boolean {
    if (this.eta !== undefined && other.eta === undefined) return true;
    if (this.eta === undefined && other.eta !== undefined) return false;
    return compareKeys(this.sortingKey(), other.sortingKey()) < 0;
  }

  /** `[eta, priority, dateCreated, seq]`. */
  sortingKey(): number[] {
    return [this.eta ?? 0, this.priority, this.dateCreated, this.seq];
  }

  /** `[priority, dateCreated, seq]`: the order a sequential channel keeps. */
  sortingKeyIgnoringEta(): number[] {
    return [this.priority, this.dateCreated, this.seq];
  }

  toString(): string {
    return `<ChannelJob ${this.uuid}>`;
  }
}

/** Lexicographic comparison of two number tuples: negative, zero or positive. */
export function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}
