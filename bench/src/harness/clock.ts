/** Monotonic clock in nanoseconds (`process.hrtime.bigint`). */
export function now(): bigint {
  return process.hrtime.bigint();
}

/** Nanoseconds elapsed since `start`, as a number (exact below 2^53 ns ≈ 104 days). */
export function elapsedNs(start: bigint): number {
  return Number(process.hrtime.bigint() - start);
}

export const NS_PER_MS = 1e6;

/** Collect garbage if Node runs with `--expose-gc` (the `bench` script does), so one
 * benchmark's garbage is not collected during the next one's measurement. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}

/** True when `collectGarbage()` actually collects. */
export function canCollectGarbage(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

/** CPU time (user + system) this process has used, in microseconds. */
export function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}
