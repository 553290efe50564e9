import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, type TransactionEvent } from '../__fixtures__/transaction-events.js';
import { projectDatabase, type ProjectDatabase } from '../__fixtures__/project-database.js';
import { notifySatellites } from './satellite-notifier.js';
import { syncModelsOf } from './sync-models.js';

let app: ProjectDatabase;
let alpha: number;
let beta: number;
beforeAll(async () => {
  app = await projectDatabase();
  alpha = (await app.env.model('project.project').create({ name: 'Alpha' }))['id'] as number;
  beta = (await app.env.model('project.project').create({ name: 'Beta' }))['id'] as number;
});
afterAll(async () => {
  await app?.drop();
});

const parentsIn = (events: TransactionEvent[]) =>
  events
    .filter((e) => e.model === 'project.project')
    .map((e) => [e.id, e.payload.data['task_ids']]);

async function task(name: string, project?: number): Promise<number> {
  return (await app.env.model('project.task').create({ name, project_id: project ?? null }))[
    'id'
  ] as number;
}

describe('one2many satellites: parents hear about their children (st. 15, 17–21)', () => {
  it('a created child: the parent gets an indirect write with its list of children', async () => {
    const existing = await task('existing', alpha);
    let created = 0;
    const events = await eventsOf(app.env, async (tx) => {
      created = (await tx.model('project.task').create({ name: 'new', project_id: alpha }))[
        'id'
      ] as number;
    });
    const parent = events.find((e) => e.model === 'project.project');
    expect(parent?.payload).toMatchObject({
      method: 'write',
      indirect: true,
      entire: false,
      record_name: 'Alpha',
    });
    expect(parent?.payload.data).toEqual({ task_ids: [existing, created] });
    expect(parent?.payload).not.toHaveProperty('__last_update');
    expect(parent?.channel).toBe(`${app.name}:project.project`);
  });

  it('any write of a child tells its parent (st. 21)', async () => {
    const id = await task('child', beta);
    const events = await eventsOf(
      app.env,
      async (tx) => void (await tx.model('project.task').write(id, { stage: 'x' })),
    );
    expect(parentsIn(events)).toEqual([[beta, expect.arrayContaining([id])]]);
  });

  it('a deleted child leaves its parent list (computed before the delete)', async () => {
    const keep = await task('keep', beta);
    const drop = await task('drop', beta);
    const events = await eventsOf(
      app.env,
      async (tx) => void (await tx.model('project.task').unlink(drop)),
    );
    const list = parentsIn(events)[0]?.[1] as number[];
    expect(list).toContain(keep);
    expect(list).not.toContain(drop);
  });

  it('re-parenting in one transaction: the old parent loses the record, the new one gains it', async () => {
    let id = 0;
    const events = await eventsOf(app.env, async (tx) => {
      id = (await tx.model('project.task').create({ name: 'mover', project_id: alpha }))[
        'id'
      ] as number;
      await tx.model('project.task').write(id, { project_id: beta });
    });
    const lists = new Map(parentsIn(events) as [number, number[]][]);
    expect(lists.get(alpha)).not.toContain(id);
    expect(lists.get(beta)).toContain(id);
  });

  it('re-parenting with the previous values from the data layer: the old parent is told', async () => {
    const id = await task('moved later', alpha);
    const events = await eventsOf(app.env, async (tx) => {
      const [row] = await tx.model('project.task').write(id, { project_id: beta });
      const models = syncModelsOf(tx.models, tx.components.addons);
      const info = models.get('project.task');
      if (info === undefined || row === undefined) throw new Error('fixture');
      await notifySatellites({ env: tx, models }, info, row, {
        previous: { id, project_id: alpha },
      });
    });
    const lists = new Map(parentsIn(events) as [number, number[]][]);
    expect(lists.get(alpha)).not.toContain(id);
    expect(lists.get(beta)).toContain(id);
  });

  it('a child of a model without implementsSyncer counts (attachments, fake one2many on res_id)', async () => {
    const id = await task('with files');
    const events = await eventsOf(app.env, async (tx) => {
      await tx
        .model('ir.attachment')
        .create({ name: 'spec.pdf', res_model: 'project.task', res_id: id });
      await tx
        .model('ir.attachment')
        .create({ name: 'other.pdf', res_model: 'project.project', res_id: id });
    });
    const tasks = events.filter((e) => e.model === 'project.task');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.payload).toMatchObject({
      indirect: true,
      data: { attachment_ids: [expect.any(Number)] },
    });
  });
});

describe('many2many satellites (st. 5, 19)', () => {
  it('a written tag tells the tasks linked to it their tag list', async () => {
    const id = await task('tagged');
    const tag = (await app.env.model('project.tag').create({ name: 'blue' }))['id'] as number;
    await app.db
      .insertInto('project_task_tag_rel' as never)
      .values({ task_id: id, tag_id: tag } as never)
      .execute();
    const events = await eventsOf(
      app.env,
      async (tx) => void (await tx.model('project.tag').write(tag, { name: 'navy' })),
    );
    expect(
      events.map((e) => [e.model, e.id, e.payload.method, e.payload.indirect, e.payload.data]),
    ).toEqual([['project.task', id, 'write', true, { tag_ids: [tag] }]]);
  });
});
