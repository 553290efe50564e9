/**
 * `@bindery/component`: cached and uncached `work.component({ usage })` lookups, and building a
 * large registry, each next to a hand-written baseline.
 */
import {
  buildRegistry,
  WorkContext,
  type Component,
  type ComponentClass,
  type ComponentRegistry,
} from '@bindery/component';
import {
  buildFixture,
  lookupFixture,
  type Describing,
  type LookupFixture,
} from '../fixtures/components.ts';
import {
  comparePerOp,
  comparePerRun,
  type Measured,
  type PerOpOptions,
} from '../harness/measure.ts';
import { formatNumber } from '../harness/report.ts';
import { defineSuite, type BenchResult } from '../harness/suite.ts';

type Instantiable = new (work: WorkContext) => Component;

const BUILD_COMPONENTS = 1000;
const BUILD_EXTENSIONS = 3;

function byName(measured: readonly Measured[], name: string): Measured {
  const found = measured.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no measurement named ${name}`);
  return found;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`component suite setup: ${message}`);
}

/** Every lookup must return the expected component, and the uncached registry must really miss. */
function checkLookups(fixture: LookupFixture, cached: WorkContext, uncached: WorkContext): void {
  for (const work of [cached, uncached]) {
    check(
      work.registry.size === fixture.total,
      `registry has ${work.registry.size} components, expected ${fixture.total}`,
    );
    for (const { usage, expected } of fixture.queries) {
      const found = work.component({ usage }) as Describing;
      check(
        found.componentName === expected,
        `component({ usage: '${usage}' }) returned ${found.componentName}, expected ${expected}`,
      );
      const layers = found.describe();
      check(
        layers.includes('logging') && layers.at(-1) === 'custom',
        `${expected} should go through its in-place extensions, got ${layers.join(' > ')}`,
      );
    }
  }
  const [a, b] = fixture.queries.map(({ usage }) => ({
    collection: fixture.collection,
    usage,
    modelName: fixture.modelName,
  }));
  if (a === undefined || b === undefined) throw new Error('the lookup fixture needs two queries');
  const lookupTwice = (
    registry: ComponentRegistry,
  ): [readonly ComponentClass[], readonly ComponentClass[]] => {
    const first = registry.lookup(a);
    registry.lookup(b);
    return [first, registry.lookup(a)];
  };
  const [hitFirst, hitSecond] = lookupTwice(cached.registry);
  check(
    hitFirst === hitSecond,
    'the default registry should serve alternating queries from its cache',
  );
  const [missFirst, missSecond] = lookupTwice(uncached.registry);
  check(missFirst !== missSecond, 'the cacheSize-0 registry should recompute on every query');
}

function lookupBenchmarks(options: PerOpOptions, log: (message: string) => void): BenchResult[] {
  const fixture = lookupFixture();
  const collection = { name: fixture.collection };
  const { modelName } = fixture;
  const registry = buildRegistry(fixture.addons, { key: 'cached' });
  const missRegistry = buildRegistry(fixture.addons, { key: 'uncached', cacheSize: 0 });
  const work = new WorkContext({ registry, collection, modelName });
  const missWork = new WorkContext({ registry: missRegistry, collection, modelName });
  checkLookups(fixture, work, missWork);

  const [qa, qb] = fixture.queries;
  if (qa === undefined || qb === undefined) throw new Error('the lookup fixture needs two queries');
  const usageA = qa.usage;
  const usageB = qb.usage;
  const classes = new Map<string, Instantiable>([
    [usageA, registry.get(qa.expected) as unknown as Instantiable],
    [usageB, registry.get(qb.expected) as unknown as Instantiable],
  ]);
  const filtersA = { collection: collection.name, usage: usageA, modelName };
  const filtersB = { collection: collection.name, usage: usageB, modelName };

  // Every batch alternates the two queries and keeps each instance in a small ring, so both
  // sides allocate and keep their objects alike and none can be optimised away.
  const out: unknown[] = new Array<unknown>(64).fill(undefined);
  log(
    `lookups: ${fixture.total} components (${fixture.concrete} concrete, ${fixture.extensions} in-place extensions), ` +
      `${options.repetitions} repetitions of ~${options.sampleMs} ms`,
  );
  const measured = comparePerOp(
    [
      {
        name: 'cached',
        fn: (n) => {
          for (let i = 0; i < n; i++) {
            out[i & 63] =
              (i & 1) === 0 ? work.component({ usage: usageA }) : work.component({ usage: usageB });
          }
          return out;
        },
      },
      {
        name: 'uncached',
        fn: (n) => {
          for (let i = 0; i < n; i++) {
            out[i & 63] =
              (i & 1) === 0
                ? missWork.component({ usage: usageA })
                : missWork.component({ usage: usageB });
          }
          return out;
        },
      },
      {
        name: 'baseline',
        fn: (n) => {
          for (let i = 0; i < n; i++) {
            const Cls = classes.get((i & 1) === 0 ? usageA : usageB) as Instantiable;
            out[i & 63] = new Cls(work);
          }
          return out;
        },
      },
      {
        name: 'lookup-only',
        fn: (n) => {
          for (let i = 0; i < n; i++)
            out[i & 63] = registry.lookup((i & 1) === 0 ? filtersA : filtersB);
          return out;
        },
      },
    ],
    options,
  );
  const cached = byName(measured, 'cached');
  const baseline = byName(measured, 'baseline');
  return [
    {
      id: 'lookup.cached',
      name: 'work.component({ usage }), cached',
      unit: 'ns/call',
      measured: cached,
      target: { max: 1000, label: '≤ 1 µs/call' },
      baseline: { name: 'hand-written', measured: baseline },
    },
    {
      id: 'lookup.uncached',
      name: 'work.component({ usage }), uncached (every call misses)',
      unit: 'ns/call',
      measured: byName(measured, 'uncached'),
      baseline: { name: 'cached', measured: cached },
    },
    {
      id: 'lookup.baseline',
      name: 'hand-written: Map.get(usage) + new Cls(work)',
      unit: 'ns/call',
      measured: baseline,
    },
    {
      id: 'lookup.registry-lookup',
      name: 'registry.lookup(filters), cached, no instance',
      unit: 'ns/call',
      measured: byName(measured, 'lookup-only'),
      baseline: { name: 'hand-written', measured: baseline },
    },
  ];
}

function buildBenchmarks(
  warmupRuns: number,
  repetitions: number,
  log: (message: string) => void,
): BenchResult[] {
  const fixture = buildFixture(BUILD_COMPONENTS, BUILD_EXTENSIONS);
  const probe = buildRegistry(fixture.addons);
  check(probe.size === fixture.components + 1, `build registry has ${probe.size} components`);
  const last = fixture.addons[fixture.addons.length - 1]?.name ?? '';
  check(
    probe
      .info(`shop.backend.component.10`)
      ?.layers.map((layer) => layer.addon)
      .slice(0, 4)
      .join(' ') === `${last} ext-b ext-c defs`,
    'extensions should apply in dependency order (ext-c, ext-b, ext-a)',
  );
  const layers = fixture.layersByComponent;
  const layerCount = layers.reduce((sum, list) => sum + list.length, 0);
  log(
    `build: ${fixture.components} components × ${fixture.extensionsPerComponent} extensions, ${warmupRuns} warm-up + ${repetitions} runs`,
  );
  const measured = comparePerRun(
    [
      { name: 'build', fn: () => buildRegistry(fixture.addons) },
      {
        name: 'mixins',
        fn: () => {
          const classes: ComponentClass[] = [];
          for (const list of layers) {
            let Cls = probe.get('base') as ComponentClass;
            for (const definition of list) Cls = definition.layer(Cls);
            classes.push(Cls);
          }
          return classes;
        },
      },
    ],
    { warmupRuns, repetitions },
  );
  const build = byName(measured, 'build');
  const mixins = byName(measured, 'mixins');
  return [
    {
      id: 'build.registry',
      name: `buildRegistry: ${formatNumber(BUILD_COMPONENTS)} components × ${BUILD_EXTENSIONS} in-place extensions`,
      unit: 'ms',
      measured: build,
      target: { max: 50, label: '≤ 50 ms' },
      baseline: { name: `${formatNumber(layerCount)} plain mixins`, measured: mixins },
      extra: `${formatNumber(fixture.components / build.stats.median)} components/ms`,
    },
    {
      id: 'build.baseline',
      name: `baseline: ${formatNumber(layerCount)} plain class-extends mixins`,
      unit: 'ms',
      measured: mixins,
      extra: `${formatNumber(layerCount / mixins.stats.median)} classes/ms`,
    },
  ];
}

export default defineSuite({
  name: 'component',
  title: '@bindery/component: lookups and registry build',
  method: [
    'Registry for lookups: 210 components (base, an abstract root, 8 abstract usage bases, 200 concrete across ' +
      '5 collections: per collection and usage one generic and 4 model-specific via applyOn), 5 in-place extensions ' +
      'in two extra addons. Lookups run on collection shop.backend, model product.product, alternating ' +
      "usages 'record.importer' and 'binder'; each resolves to a model-specific component extended in place.",
    'Per-call figures: each variant is warmed up (~300 ms) and its batch size calibrated to ~100 ms (--quick: 50 ' +
      'and 20 ms); then the variants run interleaved (rotating order) for ≥3 repetitions (default 7), GC forced before each; a sample ' +
      "is batch time (process.hrtime.bigint) ÷ calls. Each call's result is kept in a 64-slot ring so nothing is " +
      'optimised away. Shown: median (min–max) of the samples.',
    'Uncached: the same registry built with cacheSize 0 (caching disabled), alternating the two queries, so every call misses the ' +
      'lookup cache and recomputes the candidate list (scan of every component, ranking, best pick), then instantiates; ' +
      'setup checks that this registry returns a new lookup entry each time while the default one returns the same.',
    'Hand-written baseline: Map.get(usage) for the same two usages + new Cls(work) with the same final classes, so ' +
      "its ratio is the registry's own lookup overhead. registry.lookup(filters) is the cached lookup alone.",
    `Build: buildRegistry() on ${formatNumber(BUILD_COMPONENTS)} declared components (abstract root and 8 abstract bases ` +
      `included), each extended in place ${BUILD_EXTENSIONS} times by 3 extension addons chained by depends in ` +
      'reverse alphabetical order (setup checks the layer order). Definitions and addons are made once; each run ' +
      'builds a new registry (resolve addons, collect, C3, compose classes, metadata, completeBuild). Warm-up runs, ' +
      'then ≥5 measured runs (default 10) interleaved with the baseline, GC forced before each.',
    'Build baseline: the same 4,000 layer functions applied as plain class-extends mixins (1 define + 3 extensions ' +
      'per component) in a loop, with no registry work.',
    'Ratios are median ÷ baseline median (times: how many times slower than the baseline). Targets come from the ' +
      'issue and are reported, never asserted.',
  ],
  run({ repetitions, quick, log }) {
    const perOp: PerOpOptions = quick
      ? { warmupMs: 50, sampleMs: 20, repetitions: repetitions ?? 3 }
      : { warmupMs: 300, sampleMs: 100, repetitions: repetitions ?? 7 };
    const buildRuns = Math.max(5, repetitions ?? (quick ? 5 : 10));
    return [...lookupBenchmarks(perOp, log), ...buildBenchmarks(quick ? 1 : 3, buildRuns, log)];
  },
});
