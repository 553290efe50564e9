import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canCollectGarbage } from './clock.ts';
import { ratioOf, statusOf } from './report.ts';
import type { Measured } from './measure.ts';
import type { BenchResult, Suite } from './suite.ts';

/** The machine and runtime a run happened on, stored with every result file. */
export interface Environment {
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpu: string;
  readonly cpus: number;
  readonly memoryGiB: number;
  readonly loadAverage: readonly number[];
  readonly exposeGc: boolean;
  readonly gitCommit: string | undefined;
  readonly gitDirty: boolean | undefined;
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

export function describeEnvironment(): Environment {
  const cpus = os.cpus();
  const status = git(['status', '--porcelain']);
  return {
    node: process.versions.node,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    exposeGc: canCollectGarbage(),
    gitCommit: git(['rev-parse', '--short=12', 'HEAD']),
    gitDirty: status === undefined ? undefined : status !== '',
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function measuredJson(measured: Measured): object {
  return {
    variant: measured.name,
    median: round(measured.stats.median),
    min: round(measured.stats.min),
    max: round(measured.stats.max),
    mean: round(measured.stats.mean),
    samples: measured.stats.samples.map(round),
    opsPerSample: measured.opsPerSample,
    cpuPerWall: round(measured.cpuPerWall),
  };
}

function resultJson(result: BenchResult): object {
  const ratio = ratioOf(result);
  return {
    id: result.id,
    name: result.name,
    unit: result.unit,
    ...measuredJson(result.measured),
    target: result.target ?? null,
    status: statusOf(result),
    baseline:
      result.baseline === undefined
        ? null
        : { name: result.baseline.name, ...measuredJson(result.baseline.measured) },
    ratio: ratio === undefined ? null : round(ratio),
    extra: result.extra ?? null,
  };
}

/** Write `<dir>/<suite>.json` (or `<suite>.local.json`, git-ignored) and return its path. */
export function writeResults(
  dir: string,
  suite: Suite,
  results: readonly BenchResult[],
  environment: Environment,
  options: {
    readonly local: boolean;
    readonly startedAt: Date;
    readonly durationMs: number;
    readonly argv: readonly string[];
  },
): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${suite.name}${options.local ? '.local' : ''}.json`);
  const body = {
    suite: suite.name,
    title: suite.title,
    startedAt: options.startedAt.toISOString(),
    durationMs: Math.round(options.durationMs),
    argv: options.argv,
    environment,
    method: suite.method,
    results: results.map(resultJson),
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}
