import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQueueFixture, type QueueFixture } from './__fixtures__/queue-fixture.js';
import { failingNote, notes, writeNote } from './__fixtures__/test-jobs.js';
import { DelayableError } from './errors/delayable-error.js';
import { JobOptionsError } from './errors/job-options-error.js';
import { chain, group } from './graph/delayable-chain.js';

let f: QueueFixture;
beforeAll(async () => {
  f = await createQueueFixture({ channels: 'root:1' });
});
afterAll(async () => {
  await f.close();
});
beforeEach(async () => {
  await sql`delete from pgboss.job`.execute(f.db);
  await sql`delete from qj_note`.execute(f.db);
});

const note = (n: string | number) => f.queue.for(f.env).delayable(writeNote, { note: String(n) });
function first<T>(items: readonly T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('empty');
  return item;
}
const run = () => f.queue.worker({ env: f.env }).runUntilIdle();

describe('graphs', () => {
  it('runs a chain in order, each job as soon as its parent is done, under one graph id', async () => {
    const jobs = await chain(note('a'), note('b'), note('c')).delay();
    const graphIds = new Set(jobs.map((j) => j.graphId));
    expect(graphIds.size).toBe(1);
    expect([...graphIds][0]).toMatch(/^[0-9a-f-]{36}$/);
    const admin = f.queue.admin(f.env);
    expect((await Promise.all(jobs.map((j) => admin.get(j.id)))).map((j) => j.state)).toEqual([
      'pending',
      'wait_dependencies',
      'wait_dependencies',
    ]);
    expect(await run()).toBe(3);
    expect(await notes(f.db)).toEqual(['a', 'b', 'c']);
  });

  it('connects nested chains and groups like queue_job (QJ-30)', async () => {
    const jobs = await group(chain(note(1), note(2)), chain(note(3), note(4)))
      .onDone(chain(note(5), note(6)), chain(note(7), note(8)))
      .delay();
    const idOf = new Map(jobs.map((j, i) => [j.id, i]));
    const graph = await f.queue.admin(f.env).graph(first(jobs).id);
    expect(graph.jobs).toHaveLength(8);
    const byNote = new Map(graph.jobs.map((j) => [j.id, (j.args as { note: string }).note]));
    const edges = graph.edges.map(([p, c]) => `${byNote.get(p)}→${byNote.get(c)}`).sort();
    expect(edges).toEqual(['1→2', '2→5', '2→7', '3→4', '4→5', '4→7', '5→6', '7→8']);
    expect(idOf.size).toBe(8);
    expect(graph.nodes.find((node) => node.state === 'pending')?.color).toEqual({
      background: '#D2E5FF',
      border: '#2B7CE9',
    });
    await run();
    const order = await notes(f.db);
    expect(order.indexOf('5')).toBeGreaterThan(Math.max(order.indexOf('2'), order.indexOf('4')));
    expect(order.indexOf('8')).toBeGreaterThan(order.indexOf('7'));
    expect(order).toHaveLength(8);
  });

  it('keeps children of a failed parent waiting until it is set done (QJ-22)', async () => {
    const parent = f.queue.for(f.env).delayable(failingNote, { note: 'p', kind: 'boom' });
    const [p, c] = (await parent.onDone(note('child')).delay()).map((j) => j.id) as [
      string,
      string,
    ];
    await run();
    const admin = f.queue.admin(f.env);
    expect((await admin.get(p)).state).toBe('failed');
    expect((await admin.get(c)).state).toBe('wait_dependencies');
    await admin.setDone([p]);
    expect((await admin.get(c)).state).toBe('pending');
    await run();
    expect(await notes(f.db)).toEqual(['child']);
  });

  it('gives a group without edges a graph id, and a lone delayable none', async () => {
    const grouped = await group(note('x'), note('y')).delay();
    expect(grouped[0]?.graphId).toBeDefined();
    expect(grouped[0]?.graphId).toBe(grouped[1]?.graphId);
    const lone = first(await note('z').delay());
    expect(lone.graphId).toBeUndefined();
    expect((await f.queue.admin(f.env).graph(lone.id)).nodes).toHaveLength(1);
  });

  it('refuses to delay an inner node, twice, or a cycle; and unknown set() keys', async () => {
    const a = note('a');
    const b = note('b');
    chain(a, b);
    await expect(a.delay()).rejects.toMatchObject({ code: 'not-top-most' });
    const c = note('c');
    await c.delay();
    await expect(c.delay()).rejects.toBeInstanceOf(DelayableError);
    const d = note('d');
    const e = note('e');
    d.onDone(e);
    e.onDone(d);
    await expect(d.delay()).rejects.toBeInstanceOf(DelayableError);
    await expect(e.delay()).rejects.toBeInstanceOf(DelayableError);
    expect(() => note('f').set({ nope: 1 } as never)).toThrow(JobOptionsError);
  });

  it('skips a graph whose every job has a waiting twin by identity key (QJ-39)', async () => {
    const keyed = (n: string) =>
      f.queue
        .for(f.env)
        .delayable(writeNote, { note: n })
        .set({ identityKey: `key-${n}` });
    const first = await chain(keyed('a'), keyed('b')).delay();
    const again = await chain(keyed('a'), keyed('b')).delay();
    expect(again.map((j) => j.existing)).toEqual([true, true]);
    expect(again.map((j) => j.id)).toEqual(first.map((j) => j.id));
    const partial = await chain(keyed('a'), keyed('c')).delay();
    expect(partial.map((j) => j.existing)).toEqual([false, false]);
    expect(await f.queue.admin(f.env).count()).toBe(4);
  });
});
