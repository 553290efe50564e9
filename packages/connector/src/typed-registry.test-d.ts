import { defineAddon, defineComponent, type Component, type WorkContext } from '@bindery/component';
import type { Env } from '@bindery/model';
import type { EnqueuedJob, JobEnqueuer } from '@bindery/queue-job';
import { describe, expectTypeOf, it } from 'vitest';
import type { Backend } from './backend/backend.js';
import { defineBackend } from './backend/backend-definition.js';
import { openBackend } from './backend/open-backend.js';
import type { BindingRow, LocalRecord } from './binding/binding-row.js';
import type { RecordLockerComponent } from './locker/record-locker.js';
import type { MapperComponent } from './mapper/base-mapper.js';
import type { MapRecord } from './mapper/map-record.js';
import type { MappedValues } from './mapper/mapper-types.js';
import type {
  BatchImportResult,
  BatchImporterComponent,
} from './synchronizer/base-batch-importer.js';
import type { DeleterComponent } from './synchronizer/generic-deleter.js';
import { GenericImporter, type RecordImporterComponent } from './synchronizer/generic-importer.js';
import type { RecordExporterComponent } from './synchronizer/generic-exporter.js';
import type { ExportResult } from './synchronizer/export-result.js';
import type { ImportResult } from './synchronizer/import-result.js';
import type { BinderComponent } from './typed-components.js';

declare const work: WorkContext;
declare const env: Env;
declare const jobs: JobEnqueuer;

describe('typed connector components', () => {
  it('types lookups by usage', () => {
    expectTypeOf(work.component({ usage: 'binder' })).toEqualTypeOf<BinderComponent>();
    expectTypeOf(
      work.component({ usage: 'record.importer' }),
    ).toEqualTypeOf<RecordImporterComponent>();
    expectTypeOf(
      work.component({ usage: 'record.exporter' }),
    ).toEqualTypeOf<RecordExporterComponent>();
    expectTypeOf(
      work.component({ usage: 'batch.importer' }),
    ).toEqualTypeOf<BatchImporterComponent>();
    expectTypeOf(
      work.component({ usage: 'record.exporter.deleter' }),
    ).toEqualTypeOf<DeleterComponent>();
    expectTypeOf(work.component({ usage: 'record.locker' })).toEqualTypeOf<RecordLockerComponent>();
    expectTypeOf(work.component({ usage: 'import.mapper' })).toMatchTypeOf<MapperComponent>();
    expectTypeOf(work.component({ usage: 'not.a.connector.usage' })).toEqualTypeOf<Component>();
  });

  it('types lookups by name', () => {
    expectTypeOf(work.componentByName('base.binder')).toEqualTypeOf<BinderComponent>();
    expectTypeOf(work.componentByName('generic.importer')).toEqualTypeOf<RecordImporterComponent>();
  });

  it('types the binder results', () => {
    const binder = work.component({ usage: 'binder' });
    expectTypeOf(binder.toInternal('1')).toEqualTypeOf<Promise<BindingRow | undefined>>();
    expectTypeOf(binder.toInternal('1', { unwrap: true })).toEqualTypeOf<
      Promise<LocalRecord | undefined>
    >();
    expectTypeOf(binder.toExternal(1)).toEqualTypeOf<Promise<string | undefined>>();
    expectTypeOf(binder.bind(0, 1)).toEqualTypeOf<Promise<BindingRow>>();
    // @ts-expect-error external ids are strings or numbers
    void binder.toInternal({ id: 1 });
  });

  it('types the synchronizers', () => {
    const importer = work.component({ usage: 'record.importer' });
    expectTypeOf(importer.run('1')).toEqualTypeOf<Promise<ImportResult>>();
    expectTypeOf(importer.runMany(['1', 2])).toEqualTypeOf<Promise<ImportResult[]>>();
    expectTypeOf(work.component({ usage: 'record.exporter' }).run(1)).toEqualTypeOf<
      Promise<ExportResult>
    >();
    expectTypeOf(work.component({ usage: 'batch.importer' }).run()).toEqualTypeOf<
      Promise<BatchImportResult>
    >();
    expectTypeOf(importer.mapData()).toEqualTypeOf<MapRecord>();
    expectTypeOf(importer.mapData().values()).toEqualTypeOf<Promise<MappedValues>>();
  });

  it('types layers inheriting connector components', () => {
    defineComponent(
      { name: 'x.importer', inherit: GenericImporter, applyOn: 'x.binding' },
      (Base) =>
        class extends Base {
          override async importDependencies(): Promise<void> {
            expectTypeOf(this.externalData).toEqualTypeOf<
              Readonly<Record<string, unknown>> | undefined
            >();
            expectTypeOf(await this.importDependency('1', 'y.binding')).toEqualTypeOf<
              ImportResult | undefined
            >();
            expectTypeOf(this.binderFor('y.binding')).toEqualTypeOf<BinderComponent>();
          }
        },
    );
  });

  it('types the env context flag, the standard jobs and the addon key', () => {
    env.withContext({ connectorNoExport: true });
    // @ts-expect-error the flag is a boolean
    env.withContext({ connectorNoExport: 'yes' });
    expectTypeOf(
      jobs.delay('connector.import_record', {
        backend: { model: 'shop.backend', id: 1 },
        model: 'shop.product.binding',
        externalId: '1',
      }),
    ).toEqualTypeOf<Promise<EnqueuedJob>>();
    // @ts-expect-error externalId is required
    void jobs.delay('connector.import_record', {
      backend: { model: 'shop.backend', id: 1 },
      model: 'shop.product.binding',
    });
    const definition = defineBackend({
      model: 'shop.backend',
      resources: () => ({ token: 'secret' }),
    });
    defineAddon({ name: 'typed', backends: [definition] });
    expectTypeOf(openBackend(env, definition, 1)).toEqualTypeOf<
      Promise<Backend<{ token: string }>>
    >();
  });

  it('types the resources in work contexts', async () => {
    const definition = defineBackend({
      model: 'shop.backend',
      resources: () => ({ token: 'secret' }),
    });
    const backend = await openBackend(env, definition, 1);
    expectTypeOf(backend.workOn('m', { page: 2 }).extra.token).toEqualTypeOf<string>();
    expectTypeOf(backend.workOn('m', { page: 2 }).extra.page).toEqualTypeOf<number>();
  });
});
