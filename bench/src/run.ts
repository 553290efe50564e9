/**
 * Runs the benchmark suites and prints their results tables.
 *
 *   node src/run.ts [suite...] [--reps N] [--quick] [--local] [--no-save] [--list]
 *
 * Every `src/suites/<name>.bench.ts` is a suite (its default export); with no names, all run in
 * alphabetical order. Results go to `results/<name>.json` (`--local`: `<name>.local.json`,
 * git-ignored; `--quick` implies `--local`).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { elapsedNs, NS_PER_MS } from './harness/clock.ts';
import { formatResults } from './harness/report.ts';
import { describeEnvironment, writeResults, type Environment } from './harness/results.ts';
import { isSuite, type Suite } from './harness/suite.ts';

const SUITES_DIR = path.join(import.meta.dirname, 'suites');
const RESULTS_DIR = path.join(import.meta.dirname, '..', 'results');
const SUFFIX = '.bench.ts';

const usage = `usage: pnpm bench [suite...] [--reps N] [--quick] [--local] [--no-save] [--list]

  suite...    suites to run (default: all); see --list
  --reps N    measured repetitions per benchmark (>= 3; default: each suite's own)
  --quick     short warm-up and samples, to check that suites run; implies --local
  --local     write results/<suite>.local.json (git-ignored) instead of results/<suite>.json
  --no-save   do not write result files
  --list      list the suites and exit`;

function availableSuites(): string[] {
  return readdirSync(SUITES_DIR)
    .filter((file) => file.endsWith(SUFFIX))
    .map((file) => file.slice(0, -SUFFIX.length))
    .sort();
}

async function loadSuite(name: string): Promise<Suite> {
  const url = pathToFileURL(path.join(SUITES_DIR, `${name}${SUFFIX}`)).href;
  const module = (await import(url)) as { default?: unknown };
  if (!isSuite(module.default))
    throw new Error(`src/suites/${name}${SUFFIX} must default-export defineSuite({...})`);
  if (module.default.name !== name) {
    throw new Error(
      `src/suites/${name}${SUFFIX} exports a suite named '${module.default.name}'; use '${name}'`,
    );
  }
  return module.default;
}

function describe(environment: Environment): string {
  const git =
    environment.gitCommit === undefined
      ? ''
      : `, commit ${environment.gitCommit}${environment.gitDirty ? ' (dirty)' : ''}`;
  return (
    `Node ${environment.node} (V8 ${environment.v8}), ${environment.platform}-${environment.arch}, ` +
    `${environment.cpus} × ${environment.cpu}, ${environment.memoryGiB} GiB, ` +
    `load ${environment.loadAverage.join(' ')}${git}` +
    (environment.exposeGc
      ? ''
      : '\nwarning: run with --expose-gc (the bench script does) so GC runs between samples')
  );
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      reps: { type: 'string' },
      quick: { type: 'boolean', default: false },
      local: { type: 'boolean', default: false },
      'no-save': { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const available = availableSuites();
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.list) {
    for (const name of available) console.log(name);
    return 0;
  }
  const unknown = positionals.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
    return 2;
  }
  const repetitions = values.reps === undefined ? undefined : Number(values.reps);
  if (repetitions !== undefined && (!Number.isInteger(repetitions) || repetitions < 3)) {
    console.error('--reps must be an integer >= 3');
    return 2;
  }
  const names = positionals.length > 0 ? [...new Set(positionals)] : available;
  const local = values.local || values.quick;
  const environment = describeEnvironment();
  console.log(describe(environment));

  for (const name of names) {
    const suite = await loadSuite(name);
    const startedAt = new Date();
    const start = process.hrtime.bigint();
    const log = (message: string): void => {
      process.stderr.write(`[${suite.name}] ${message}\n`);
    };
    const results = await suite.run({ repetitions, quick: values.quick, log });
    const durationMs = elapsedNs(start) / NS_PER_MS;
    console.log(`\n## ${suite.title} (\`${suite.name}\`)\n`);
    console.log(formatResults(results));
    console.log(`\nMethod:\n${suite.method.map((line) => `- ${line}`).join('\n')}`);
    if (!values['no-save']) {
      const file = writeResults(RESULTS_DIR, suite, results, environment, {
        local,
        startedAt,
        durationMs,
        argv: process.argv.slice(2),
      });
      console.log(
        `\nResults: ${path.relative(process.cwd(), file)} (suite took ${(durationMs / 1000).toFixed(1)} s)`,
      );
    }
  }
  return 0;
}

process.exitCode = await main();
