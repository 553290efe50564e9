import { collectGarbage, cpuMicros, elapsedNs, now, NS_PER_MS } from './clock.ts';
import type { Measured, Variant } from './measure.ts';
import { summarise } from './stats.ts';

/** One asynchronous run; `setup` (unmeasured) runs before each measured run when given. */
export interface AsyncRun {
  readonly setup?: () => Promise<void>;
  readonly run: () => Promise<unknown>;
}

/** Options of {@link compareAsyncRuns}. */
export interface AsyncRunOptions {
  /** Unmeasured runs of each variant first. */
  readonly warmupRuns?: number;
  /** Measured runs per variant (at least 3). */
  readonly repetitions?: number;
}

/**
 * Milliseconds per run of asynchronous variants (database work, I/O), side by side: warm-up
 * runs, then measured runs interleaved with rotating order (A B, B A...), garbage collected and
 * `setup` awaited before each, neither of them timed.
 */
export async function compareAsyncRuns(
  variants: readonly Variant<AsyncRun>[],
  options: AsyncRunOptions = {},
): Promise<Measured[]> {
  const { warmupRuns = 1, repetitions = 5 } = options;
  if (!Number.isInteger(repetitions) || repetitions < 3) {
    throw new RangeError(`at least 3 repetitions are needed, got ${repetitions}`);
  }
  for (let w = 0; w < warmupRuns; w++) {
    for (const { fn } of variants) {
      await fn.setup?.();
      await fn.run();
    }
  }
  const samples = variants.map((): number[] => []);
  const wall = variants.map(() => 0);
  const cpu = variants.map(() => 0);
  for (let round = 0; round < repetitions; round++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (round + k) % variants.length;
      const { fn } = variants[i] as Variant<AsyncRun>;
      await fn.setup?.();
      collectGarbage();
      const cpuStart = cpuMicros();
      const start = now();
      await fn.run();
      const ns = elapsedNs(start);
      cpu[i] = (cpu[i] as number) + (cpuMicros() - cpuStart) * 1000;
      wall[i] = (wall[i] as number) + ns;
      (samples[i] as number[]).push(ns / NS_PER_MS);
    }
  }
  return variants.map((variant, i) => ({
    name: variant.name,
    stats: summarise(samples[i] as number[]),
    opsPerSample: 1,
    cpuPerWall: (cpu[i] as number) / (wall[i] as number),
  }));
}
