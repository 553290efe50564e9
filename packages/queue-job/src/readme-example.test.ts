// The README's example, as a consumer writes it (imports aside), run against a real database.
import { defineAddon } from '@bindery/component';
import { buildAppRegistries, createEnv, migrate, type BinderyDatabase } from '@bindery/model';
import { createTestDatabase } from '@bindery/model/test';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import {
  chain,
  defineJob,
  identityExact,
  QueueJob,
  queueJobAddon,
  RetryableJobError,
} from './index.js';
import { trapJobs } from './test/index.js';

// --- a package declares its job functions ------------------------------------------------
export const importOrder = defineJob({
  name: 'shop.import_order',
  channel: 'root.shop.orders',
  retryPattern: { 1: 10, 5: 60 },
  run: async ({ env }, args: { orderId: number }) => {
    if (args.orderId < 0) throw new RetryableJobError('The shop is busy', { seconds: 30 });
    await sql`insert into shop_order (external_id) values (${args.orderId})`.execute(env.db);
    return { imported: args.orderId };
  },
});
export const notifyBuyer = defineJob({
  name: 'shop.notify_buyer',
  run: (_context, args: { orderId: number }) => `notified ${args.orderId}`,
});

declare module './index.js' {
  interface JobsByName {
    'shop.import_order': typeof importOrder;
  }
}

export const shopAddon = defineAddon({
  name: 'shop',
  depends: [queueJobAddon],
  jobs: [importOrder, notifyBuyer],
  channels: ['root.shop'],
  migrations: [
    {
      name: '0001_orders',
      up: (db) => sql`create table shop_order (external_id int)`.execute(db).then(() => undefined),
    },
  ],
});

it('runs the README example', async () => {
  const database = await createTestDatabase();
  const url = database.url;

  // --- the app: migrate, start the queue, enqueue in a transaction, run a worker ------------
  const registries = buildAppRegistries([shopAddon]);
  await migrate(database.db, registries.addons); // the package's tables; pg-boss creates its own at start()
  const queue = new QueueJob({
    registries,
    connectionString: url,
    channels: 'root:4,root.shop:2,root.shop.orders:1:sequential',
  });
  await queue.start();
  const env = createEnv({ db: database.db as Kysely<BinderyDatabase>, registries, userId: 1 });

  await env.transaction(async (tx) => {
    // ...business writes in tx...
    await queue
      .for(tx)
      .delay(importOrder, { orderId: 42 }, { priority: 5, identityKey: identityExact });
    const jobs = queue.for(tx);
    await chain(
      jobs.delayable(importOrder, { orderId: 43 }),
      jobs.delayable(notifyBuyer, { orderId: 43 }),
    ).delay();
  }); // the jobs exist if and only if this commits

  const worker = queue.worker({ env });
  await worker.runUntilIdle(); // or: await worker.start(), and worker.stop() on shutdown

  const admin = queue.admin(env);
  expect(await admin.countByState()).toMatchObject({ done: 3, failed: 0 });
  const [notified] = await admin.list({ functionName: 'shop.notify_buyer' });
  expect(notified?.result).toBe('notified 43');

  // --- in tests: trap the jobs instead of storing them --------------------------------------
  using trap = trapJobs(queue);
  await queue.for(env).delay('shop.import_order', { orderId: 7 });
  trap.assertEnqueuedJob(importOrder, { orderId: 7 }, { channel: 'root.shop.orders' });
  await trap.performEnqueuedJobs();

  await queue.stop();
  await database.drop();
});
