import type { Env } from '@bindery/model';
import { describe, expectTypeOf, it } from 'vitest';
import type { EnqueuedJob } from '../engine/prepared-job.js';
import type { JobEnqueuer } from '../enqueue/job-enqueuer.js';
import type { Delayable } from '../graph/delayable.js';
import { defineJob } from './job-definition.js';
import type { JobArgs, JobName, JobResult } from './jobs-by-name.js';

const importOrder = defineJob({
  name: 'typed.import_order',
  run: (_context, args: { orderId: number; force?: boolean }) => ({ imported: args.orderId }),
});

declare module './jobs-by-name.js' {
  interface JobsByName {
    'typed.import_order': typeof importOrder;
  }
}

declare const jobs: JobEnqueuer;
declare const env: Env;

describe('JobsByName', () => {
  it('types arguments and results by name', () => {
    expectTypeOf<JobArgs<'typed.import_order'>>().toEqualTypeOf<{
      orderId: number;
      force?: boolean;
    }>();
    expectTypeOf<JobResult<'typed.import_order'>>().toEqualTypeOf<{ imported: number }>();
    expectTypeOf(jobs.delay('typed.import_order', { orderId: 1 })).toEqualTypeOf<
      Promise<EnqueuedJob>
    >();
    expectTypeOf(jobs.delayable('typed.import_order', { orderId: 1 })).toEqualTypeOf<
      Delayable<{ orderId: number; force?: boolean }>
    >();
  });

  it('rejects wrong arguments for registered names and definitions', () => {
    // @ts-expect-error orderId must be a number
    void jobs.delay('typed.import_order', { orderId: 'x' });
    // @ts-expect-error orderId is required
    void jobs.delay(importOrder, {});
    // @ts-expect-error unknown option
    void jobs.delay(importOrder, { orderId: 1 }, { nope: true });
    void jobs.delay(
      importOrder,
      { orderId: 1 },
      { priority: 1, identityKey: ({ args }) => String(args.orderId) },
    );
  });

  it('keeps names open: unknown names take unknown arguments', () => {
    expectTypeOf<'anything.else'>().toMatchTypeOf<JobName>();
    expectTypeOf<'typed.import_order'>().toMatchTypeOf<JobName>();
    expectTypeOf<JobArgs<'anything.else'>>().toEqualTypeOf<unknown>();
    void jobs.delay('anything.else', { whatever: 1 });
    expectTypeOf(env).toMatchTypeOf<Env>();
  });
});
