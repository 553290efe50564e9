import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../__fixtures__/transaction-events.js';
import { projectDatabase, type ProjectDatabase } from '../__fixtures__/project-database.js';

let app: ProjectDatabase;
let partnerId: number;
let projectId: number;
beforeAll(async () => {
  app = await projectDatabase();
  const partner = await app.env
    .model('res.partner')
    .create({ name: 'ACME', email: 'it@acme.test' });
  partnerId = partner['id'] as number;
  const project = await app.env
    .model('project.project')
    .create({ name: 'Website', partner_id: partnerId });
  projectId = project['id'] as number;
});
afterAll(async () => {
  await app?.drop();
});

async function newTask(name = 'task'): Promise<number> {
  return (await app.env.model('project.task').create({ name }))['id'] as number;
}

describe('coalescing per transaction and record (st. 29–31)', () => {
  it('create then write: one create, data merged, first-push metadata kept', async () => {
    let id = 0;
    const events = await eventsOf(app.env, async (tx) => {
      id = (await tx.model('project.task').create({ name: 'first name' }))['id'] as number;
      await tx.model('project.task').write(id, { name: 'second name', stage: 'doing' });
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({
      method: 'create',
      entire: true,
      indirect: false,
      record_name: 'first name',
    });
    expect(events[0]?.payload.data).toMatchObject({ id, name: 'second name', stage: 'doing' });
  });

  it('several writes: one write, later values win', async () => {
    const id = await newTask();
    const events = await eventsOf(app.env, async (tx) => {
      await tx.model('project.task').write(id, { stage: 'a', sequence: 1 });
      await tx.model('project.task').write(id, { stage: 'b' });
      await tx.model('project.task').write(id, { sequence: 3 });
    });
    expect(events.map((e) => [e.payload.method, e.payload.data])).toEqual([
      ['write', { stage: 'b', sequence: 3 }],
    ]);
  });

  it('write then unlink: unlink carrying the written data; create then unlink: unlink', async () => {
    const id = await newTask();
    const written = await eventsOf(app.env, async (tx) => {
      await tx.model('project.task').write(id, { stage: 'gone soon' });
      await tx.model('project.task').unlink(id);
    });
    expect(written.map((e) => [e.payload.method, e.payload.data])).toEqual([
      ['unlink', { stage: 'gone soon' }],
    ]);
    const created = await eventsOf(app.env, async (tx) => {
      const other = (await tx.model('project.task').create({ name: 'ephemeral' }))['id'] as number;
      await tx.model('project.task').unlink(other);
    });
    expect(created.map((e) => e.payload.method)).toEqual(['unlink']);
  });

  it('records keep their first-seen order; both records of two writes are direct (st. 13 not copied)', async () => {
    const a = await newTask('A');
    const b = await newTask('B');
    const events = await eventsOf(app.env, async (tx) => {
      await tx.model('project.task').write(b, { stage: 'x' });
      await tx.model('project.task').write(a, { stage: 'y' });
      await tx.model('project.task').write(b, { stage: 'z' });
    });
    expect(events.map((e) => [e.id, e.payload.data['stage'], e.payload.indirect])).toEqual([
      [b, 'z', false],
      [a, 'y', false],
    ]);
  });

  it('models without implementsSyncer write nothing', async () => {
    const events = await eventsOf(app.env, async (tx) => {
      await tx.model('res.partner').create({ name: 'not synced' });
    });
    expect(events).toEqual([]);
  });
});

describe('payload formatting (st. 22–28)', () => {
  it('create: whole record, many2one as [id, name] or false, many2many ids, one2many left out', async () => {
    const events = await eventsOf(app.env, async (tx) => {
      await tx.model('project.project').create({ name: 'Mobile', partner_id: partnerId });
      await tx.model('project.project').create({ name: 'Internal' });
    });
    expect(events.map((e) => e.payload.data)).toEqual([
      { id: events[0]?.id, name: 'Mobile', partner_id: [partnerId, 'ACME'] },
      { id: events[1]?.id, name: 'Internal', partner_id: false },
    ]);
  });

  it('write: only written fields, values as stored (dates as YYYY-MM-DD), and many2many as ids', async () => {
    const id = await newTask();
    const tag = await app.env.model('project.tag').create({ name: 'urgent' });
    await app.db
      .insertInto('project_task_tag_rel' as never)
      .values({ task_id: id, tag_id: tag['id'] } as never)
      .execute();
    const events = await eventsOf(app.env, async (tx) => {
      await tx.model('project.task').write(id, { deadline: '2026-03-04', partner_id: partnerId });
    });
    expect(events[0]?.payload.data).toEqual({
      deadline: '2026-03-04',
      partner_id: [partnerId, 'ACME'],
    });
    const created = await eventsOf(
      app.env,
      async (tx) => void (await tx.model('project.task').write(id, { stage: 's' })),
    );
    expect(created[0]?.payload.data).toEqual({ stage: 's' });
    const full = await eventsOf(app.env, async (tx) => {
      const copy = (await tx.model('project.task').create({ name: 'copy' }))['id'] as number;
      await tx.db
        .insertInto('project_task_tag_rel' as never)
        .values({ task_id: copy, tag_id: tag['id'] } as never)
        .execute();
      await tx.model('project.task').write(copy, { stage: 'tagged' });
    });
    expect(full[0]?.payload.data['tag_ids']).toEqual([]); // read at create time, before the link
  });

  it('related values rooted at a written field are added, through two hops', async () => {
    const id = await newTask();
    const events = await eventsOf(app.env, async (tx) => {
      await tx.model('project.task').write(id, { project_id: projectId });
    });
    expect(events[0]?.payload.data).toEqual({
      project_id: [projectId, 'Website'],
      project_name: 'Website',
      customer_email: 'it@acme.test',
    });
    const other = await eventsOf(
      app.env,
      async (tx) => void (await tx.model('project.task').write(id, { stage: 'no root' })),
    );
    expect(other.find((e) => e.model === 'project.task')?.payload.data).toEqual({
      stage: 'no root',
    });
  });

  it('user_id has the acting user and its name; __last_update the write_date', async () => {
    const id = await newTask();
    const events = await eventsOf(
      app.env,
      async (tx) => void (await tx.model('project.task').write(id, { stage: 'u' })),
    );
    const payload = events[0]?.payload;
    expect(payload?.user_id).toEqual({ id: 1, name: 'Admin' });
    const [row] = await app.env.model('project.task').browse(id);
    expect(new Date(payload?.__last_update ?? '').getTime()).toBe(
      (row?.['write_date'] as Date).getTime(),
    );
    const anonymous = await eventsOf(
      app.env.withUser(undefined),
      async (tx) => void (await tx.model('project.task').write(id, { stage: 'v' })),
    );
    expect(anonymous[0]?.payload.user_id).toEqual({ id: null, name: null });
  });

  it('syncEntire: write and unlink carry the whole record; __last_update falls back to the transaction time', async () => {
    const note = await app.env.model('project.note').create({ name: 'Minutes', body: 'v1' });
    const id = note['id'] as number;
    const written = await eventsOf(
      app.env,
      async (tx) => void (await tx.model('project.note').write(id, { body: 'v2' })),
    );
    expect(written[0]?.payload).toMatchObject({
      method: 'write',
      entire: true,
      data: { id, name: 'Minutes', body: 'v2' },
    });
    expect(typeof written[0]?.payload.__last_update).toBe('string');
    const removed = await eventsOf(
      app.env,
      async (tx) => void (await tx.model('project.note').unlink(id)),
    );
    expect(removed[0]?.payload).toMatchObject({
      method: 'unlink',
      entire: true,
      data: { id, name: 'Minutes', body: 'v2' },
    });
  });

  it('unlink of a model without syncEntire carries {} and the record name', async () => {
    const id = await newTask('to delete');
    const events = await eventsOf(
      app.env,
      async (tx) => void (await tx.model('project.task').unlink(id)),
    );
    expect(events[0]?.payload).toMatchObject({
      method: 'unlink',
      data: {},
      entire: false,
      record_name: 'to delete',
    });
  });
});
