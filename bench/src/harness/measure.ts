import { collectGarbage, cpuMicros, elapsedNs, now, NS_PER_MS } from './clock.ts';
import { summarise, type Stats } from './stats.ts';

/**
 * A batch of a micro-benchmark: performs the operation `n` times. It must use every result (keep
 * them in an array, or return the last one) so the optimiser cannot drop the work; whatever it
 * returns is kept in a sink.
 */
export type Batch = (n: number) => unknown;

/** One side of a comparison: a named batch (per-op) or a named run (per-run). */
export interface Variant<TFn> {
  readonly name: string;
  readonly fn: TFn;
}

/** Result of one variant: the statistics and how busy the CPU was while it was measured. */
export interface Measured {
  readonly name: string;
  readonly stats: Stats;
  /** Operations per repetition (per-op measurements) or 1 (per-run measurements). */
  readonly opsPerSample: number;
  /** Process CPU time ÷ wall time over the measured repetitions (≈1 single-threaded; GC threads add). */
  readonly cpuPerWall: number;
}

export interface PerOpOptions {
  /** Wall time spent warming up each variant before measuring (calibration included). */
  readonly warmupMs?: number;
  /** Target duration of one repetition; the batch size is calibrated to reach it. */
  readonly sampleMs?: number;
  /** Measured repetitions per variant (at least 3). */
  readonly repetitions?: number;
}

export interface PerRunOptions {
  /** Unmeasured runs of each variant first. */
  readonly warmupRuns?: number;
  /** Measured runs per variant (at least 3). */
  readonly repetitions?: number;
}

let sink: unknown;

/** The last value a benchmark produced (exported so the optimiser must keep computing it). */
export function lastSinkValue(): unknown {
  return sink;
}

function assertRepetitions(repetitions: number): void {
  if (!Number.isInteger(repetitions) || repetitions < 3) {
    throw new RangeError(`at least 3 repetitions are needed, got ${repetitions}`);
  }
}

function timeBatch(batch: Batch, n: number): number {
  const start = now();
  sink = batch(n);
  return elapsedNs(start);
}

/** Warm up a batch for about `warmupMs` and return a batch size that takes about `sampleMs`. */
function calibrate(batch: Batch, warmupMs: number, sampleMs: number): number {
  const started = now();
  let n = 1;
  let elapsed = timeBatch(batch, n);
  while (elapsed < 10 * NS_PER_MS) {
    n *= 4;
    elapsed = timeBatch(batch, n);
  }
  let size = Math.max(1, Math.round((n * sampleMs * NS_PER_MS) / elapsed));
  do {
    elapsed = timeBatch(batch, size);
  } while (elapsedNs(started) < warmupMs * NS_PER_MS);
  // Re-derive the size from a warmed-up (optimised) timing.
  size = Math.max(1, Math.round((size * sampleMs * NS_PER_MS) / elapsed));
  return size;
}

/**
 * Interleaved repetitions: in round r, variants run in the order rotated by r (A B C, B C A,
 * C A B...) so slow drift (other load, frequency scaling, heap growth) affects every variant
 * alike. Garbage is collected before each sample when Node runs with `--expose-gc`.
 */
function interleave(count: number, repetitions: number, sample: (variant: number) => void): void {
  for (let round = 0; round < repetitions; round++) {
    for (let k = 0; k < count; k++) {
      sink = undefined;
      collectGarbage();
      sample((round + k) % count);
    }
  }
}

/**
 * Nanoseconds per operation of each batch, measured side by side: each variant is warmed up and
 * calibrated, then repetitions run interleaved. Each sample is one timed batch ÷ its size.
 */
export function comparePerOp(
  variants: readonly Variant<Batch>[],
  options: PerOpOptions = {},
): Measured[] {
  const { warmupMs = 300, sampleMs = 100, repetitions = 7 } = options;
  assertRepetitions(repetitions);
  const sizes = variants.map((variant) => calibrate(variant.fn, warmupMs, sampleMs));
  const samples = variants.map((): number[] => []);
  const wall = variants.map(() => 0);
  const cpu = variants.map(() => 0);
  interleave(variants.length, repetitions, (i) => {
    const variant = variants[i] as Variant<Batch>;
    const size = sizes[i] as number;
    const cpuStart = cpuMicros();
    const ns = timeBatch(variant.fn, size);
    cpu[i] = (cpu[i] as number) + (cpuMicros() - cpuStart) * 1000;
    wall[i] = (wall[i] as number) + ns;
    (samples[i] as number[]).push(ns / size);
  });
  return variants.map((variant, i) => ({
    name: variant.name,
    stats: summarise(samples[i] as number[]),
    opsPerSample: sizes[i] as number,
    cpuPerWall: (cpu[i] as number) / (wall[i] as number),
  }));
}

/**
 * Milliseconds per run of each function, side by side: `warmupRuns` unmeasured runs of each, then
 * `repetitions` measured runs, interleaved. Whatever a run returns is kept until the next run.
 */
export function comparePerRun(
  variants: readonly Variant<() => unknown>[],
  options: PerRunOptions = {},
): Measured[] {
  const { warmupRuns = 3, repetitions = 10 } = options;
  assertRepetitions(repetitions);
  for (let w = 0; w < warmupRuns; w++) {
    for (const variant of variants) {
      sink = variant.fn();
      sink = undefined;
    }
  }
  const samples = variants.map((): number[] => []);
  const wall = variants.map(() => 0);
  const cpu = variants.map(() => 0);
  interleave(variants.length, repetitions, (i) => {
    const variant = variants[i] as Variant<() => unknown>;
    const cpuStart = cpuMicros();
    const start = now();
    sink = variant.fn();
    const ns = elapsedNs(start);
    cpu[i] = (cpu[i] as number) + (cpuMicros() - cpuStart) * 1000;
    wall[i] = (wall[i] as number) + ns;
    (samples[i] as number[]).push(ns / NS_PER_MS);
  });
  return variants.map((variant, i) => ({
    name: variant.name,
    stats: summarise(samples[i] as number[]),
    opsPerSample: 1,
    cpuPerWall: (cpu[i] as number) / (wall[i] as number),
  }));
}
