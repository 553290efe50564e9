/** Summary of repeated measurements of one quantity (all in the same unit). */
export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Every repetition, in the order measured. */
  readonly samples: readonly number[];
}

/** Median, min, max and mean of the samples (at least one). */
export function summarise(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new RangeError('summarise() needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return {
    median,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    mean,
    samples: Object.freeze([...samples]),
  };
}

/** `a ÷ b` on medians: how many times `a` is `b`. */
export function ratio(a: Stats, b: Stats): number {
  return a.median / b.median;
}
