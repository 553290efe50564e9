import { createEnv, type BinderyDatabase } from '@bindery/model';
import { createTestKysely } from '@bindery/model/test';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQueueFixture, type QueueFixture } from './__fixtures__/queue-fixture.js';
import { failingNote, writeNote } from './__fixtures__/test-jobs.js';
import { identityExact } from './jobs/identity-key.js';

let f: QueueFixture;
beforeAll(async () => {
  f = await createQueueFixture();
});
afterAll(async () => {
  await f.close();
});
beforeEach(async () => {
  await sql`delete from pgboss.job`.execute(f.db);
});

describe('identity keys', () => {
  it('returns the waiting job instead of enqueuing a duplicate', async () => {
    const first = await f.queue.for(f.env).delay(writeNote, { note: 'a' }, { identityKey: 'k1' });
    const second = await f.queue.for(f.env).delay(writeNote, { note: 'b' }, { identityKey: 'k1' });
    expect(first.existing).toBe(false);
    expect(second).toMatchObject({ id: first.id, existing: true, identityKey: 'k1' });
    expect(await f.queue.admin(f.env).count()).toBe(1);
  });

  it('computes identityExact from the function and the arguments', async () => {
    const a = await f.queue
      .for(f.env)
      .delay(writeNote, { note: 'same' }, { identityKey: identityExact });
    const b = await f.queue
      .for(f.env)
      .delay(writeNote, { note: 'same' }, { identityKey: identityExact });
    const c = await f.queue
      .for(f.env)
      .delay(writeNote, { note: 'other' }, { identityKey: identityExact });
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
    expect(a.identityKey).toMatch(/^[0-9a-f]{40}$/);
  });

  it('blocks on postponed jobs but not on started or finished ones (QJ-37)', async () => {
    const postponed = await f.queue
      .for(f.env)
      .delay(failingNote, { note: 'p', kind: 'retry', seconds: 60 }, { identityKey: 'k2' });
    await f.queue.worker({ env: f.env }).runUntilIdle();
    expect(
      (await f.queue.for(f.env).delay(writeNote, { note: 'x' }, { identityKey: 'k2' })).id,
    ).toBe(postponed.id);
    await f.queue.admin(f.env).cancel([postponed.id]);
    const fresh = await f.queue.for(f.env).delay(writeNote, { note: 'x' }, { identityKey: 'k2' });
    expect(fresh.existing).toBe(false);
    await sql`update pgboss.job set state = 'active', started_on = now() where id = ${fresh.id}`.execute(
      f.db,
    );
    expect(
      (await f.queue.for(f.env).delay(writeNote, { note: 'y' }, { identityKey: 'k2' })).existing,
    ).toBe(false);
  });

  it('is race-safe: concurrent transactions enqueue one job', async () => {
    const pools = [0, 1, 2, 3].map(() =>
      createTestKysely<BinderyDatabase>(f.database.url, { max: 1 }),
    );
    try {
      const results = await Promise.all(
        pools.map((db) =>
          createEnv({ db, registries: f.registries }).transaction(async (tx) => {
            const job = await f.queue
              .for(tx)
              .delay(writeNote, { note: 'race' }, { identityKey: 'race' });
            await sql`select pg_sleep(0.05)`.execute(tx.db);
            return job;
          }),
        ),
      );
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(results.filter((r) => !r.existing)).toHaveLength(1);
      expect(await f.queue.admin(f.env).count()).toBe(1);
    } finally {
      await Promise.all(pools.map((db) => db.destroy()));
    }
  });
});
