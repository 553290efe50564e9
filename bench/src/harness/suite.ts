import type { Measured } from './measure.ts';

/** An upper bound the median must not exceed (lower is better for every unit we use). */
export interface Target {
  /** In the benchmark's unit. */
  readonly max: number;
  /** How the target reads in the table, e.g. `≤ 1 µs`. */
  readonly label: string;
}

/** One line of a suite's results. */
export interface BenchResult {
  /** Stable key in the JSON output, e.g. `lookup.cached`. */
  readonly id: string;
  /** What the table shows in its first column. */
  readonly name: string;
  /** Unit of `measured.stats`, e.g. `ns/call` or `ms`. */
  readonly unit: string;
  readonly measured: Measured;
  readonly target?: Target;
  /**
   * What the ratio is taken against: `ratio = measured median ÷ baseline median` (for times, how
   * many times slower than the baseline; below 1 is faster).
   */
  readonly baseline?: { readonly name: string; readonly measured: Measured };
  /** Derived figures shown after the result, e.g. `43 components/ms`. */
  readonly extra?: string;
}

/** What the runner hands to each suite. */
export interface SuiteContext {
  /** Repetitions requested on the command line (`--reps`), or `undefined` for the suite's default. */
  readonly repetitions: number | undefined;
  /** `--quick`: shorter warm-up and samples, for checking that a suite runs (numbers are noisier). */
  readonly quick: boolean;
  /** Progress messages (stderr, so stdout stays the table). */
  readonly log: (message: string) => void;
}

/** A benchmark suite: one file `src/suites/<name>.bench.ts` whose default export this is. */
export interface Suite {
  /** Must equal the file name without `.bench.ts`; used on the command line and for results/<name>.json. */
  readonly name: string;
  readonly title: string;
  /** How the suite measures, printed under its table and stored in the JSON. */
  readonly method: readonly string[];
  run(context: SuiteContext): BenchResult[] | Promise<BenchResult[]>;
}

/** Identity helper that types a suite. */
export function defineSuite(suite: Suite): Suite {
  return suite;
}

/** True for a value shaped like a {@link Suite} (checked on each suite module's default export). */
export function isSuite(value: unknown): value is Suite {
  if (typeof value !== 'object' || value === null) return false;
  const suite = value as Partial<Suite>;
  return (
    typeof suite.name === 'string' &&
    typeof suite.title === 'string' &&
    Array.isArray(suite.method) &&
    typeof suite.run === 'function'
  );
}
