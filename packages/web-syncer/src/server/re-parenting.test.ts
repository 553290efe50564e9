import { defineAddon } from '@bindery/component';
import {
  buildAppRegistries,
  createEnv,
  defineModel,
  field,
  migrate,
  type BinderyDatabase,
  type Env,
} from '@bindery/model';
import { createTestDatabase, type TestDatabase } from '@bindery/model/test';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webSyncerAddon } from '../addon/web-syncer-addon.js';
import { record, type Recorder } from '../__fixtures__/event-recorder.js';
import { projectDatabase, type ProjectDatabase } from '../__fixtures__/project-database.js';
import {
  settle,
  startServer,
  waitFor,
  type RunningServer,
} from '../__fixtures__/server-harness.js';

/**
 * Re-parenting through the record API in a transaction of its own: the listener never saw the
 * record before, so the old parent is known only from the values the data layer passes as
 * `info.previous` (read in the UPDATE statement itself). Real PostgreSQL, real WebSocket client.
 */

/** `model#id method indirect data` of each notification received, sorted (one commit: no order among parents). */
function summary(recorder: Recorder): string[] {
  return recorder.received
    .map(({ notification: [[, model, id], payload] }) =>
      [
        `${model}#${String(id)}`,
        payload.method,
        payload.indirect ? 'indirect' : 'direct',
        JSON.stringify(payload.data),
      ].join(' '),
    )
    .sort();
}

/** Wait for `count` notifications, then a while longer to show nothing else arrives. */
async function settled(recorder: Recorder, count: number): Promise<string[]> {
  await waitFor(() => recorder.received.length >= count, `${count} notifications`);
  await settle();
  return summary(recorder);
}

describe('re-parenting in a fresh transaction (record API, previous values from the data layer)', () => {
  let app: ProjectDatabase;
  let server: RunningServer;
  let alpha: number;
  let beta: number;
  beforeAll(async () => {
    app = await projectDatabase();
    server = await startServer(app);
    alpha = (await app.env.model('project.project').create({ name: 'Alpha' }))['id'] as number;
    beta = (await app.env.model('project.project').create({ name: 'Beta' }))['id'] as number;
  });
  afterAll(async () => {
    await server?.close();
    await app?.drop();
  });

  const channels = () => [`${app.name}:project.project`, `${app.name}:project.task`];
  const tasks = () => app.env.model('project.task');
  const attachments = () => app.env.model('ir.attachment');
  const idOf = (row: Record<string, unknown>) => row['id'] as number;

  it('a task moved to another project: the old project and the new one both get an indirect write', async () => {
    const stay = idOf(await tasks().create({ name: 'stays in Alpha', project_id: alpha }));
    const move = idOf(await tasks().create({ name: 'moves', project_id: alpha }));
    const there = idOf(await tasks().create({ name: 'already in Beta', project_id: beta }));
    const recorder = await record(server.url, channels(), { cursor: await server.syncer.head() });
    try {
      await tasks().write(move, { project_id: beta }); // its own transaction, nothing remembered
      expect(await settled(recorder, 3)).toEqual(
        [
          `project.project#${alpha} write indirect {"task_ids":[${stay}]}`,
          `project.project#${beta} write indirect {"task_ids":[${move},${there}]}`,
          `project.task#${move} write direct {"project_id":[${beta},"Beta"],"project_name":"Beta","customer_email":null}`,
        ].sort(),
      );
      expect(new Set(recorder.received.map((r) => r.cursor?.split(':')[0]))).toHaveProperty(
        'size',
        1,
      ); // one commit
    } finally {
      recorder.close();
    }
  });

  it('a task taken out of its project (project_id emptied): the old project is told', async () => {
    const move = idOf(await tasks().create({ name: 'orphaned', project_id: beta }));
    const recorder = await record(server.url, channels(), { cursor: await server.syncer.head() });
    try {
      await tasks().write(move, { project_id: null });
      const received = await settled(recorder, 2);
      expect(received).toHaveLength(2);
      expect(received[0]).toMatch(new RegExp(`^project\\.project#${beta} write indirect `));
      const betaIds = recorder.received.find((r) => r.notification[0][2] === beta)?.notification[1]
        .data['task_ids'];
      expect(betaIds).not.toContain(move);
      expect(received[1]).toBe(
        `project.task#${move} write direct {"project_id":false,"project_name":null,"customer_email":null}`,
      );
    } finally {
      recorder.close();
    }
  });

  it('several tasks moved by one write: each old project is told once, with its final list', async () => {
    const gamma = idOf(await app.env.model('project.project').create({ name: 'Gamma' }));
    const delta = idOf(await app.env.model('project.project').create({ name: 'Delta' }));
    const fromAlpha = idOf(await tasks().create({ name: 'from Alpha', project_id: alpha }));
    const fromBeta = idOf(await tasks().create({ name: 'from Beta', project_id: beta }));
    const [alphaBefore, betaBefore] = await Promise.all(
      [alpha, beta].map(async (project) =>
        (await tasks().search({ project_id: project }))
          .map(idOf)
          .filter((id) => id !== fromAlpha && id !== fromBeta),
      ),
    );
    const recorder = await record(server.url, channels(), { cursor: await server.syncer.head() });
    try {
      await tasks().write([fromAlpha, fromBeta], { project_id: gamma });
      await tasks().write(fromAlpha, { project_id: delta }); // and a second hop, later
      const received = await settled(recorder, 4 + 3);
      expect(received.filter((line) => line.includes(' indirect '))).toEqual(
        [
          `project.project#${alpha} write indirect {"task_ids":${JSON.stringify(alphaBefore)}}`,
          `project.project#${beta} write indirect {"task_ids":${JSON.stringify(betaBefore)}}`,
          `project.project#${gamma} write indirect {"task_ids":[${fromAlpha},${fromBeta}]}`,
          // second transaction: Gamma loses fromAlpha, Delta gains it
          `project.project#${gamma} write indirect {"task_ids":[${fromBeta}]}`,
          `project.project#${delta} write indirect {"task_ids":[${fromAlpha}]}`,
        ].sort(),
      );
    } finally {
      recorder.close();
    }
  });

  it('an attachment moved to another record (res_id): the old and the new task are told', async () => {
    const from = idOf(await tasks().create({ name: 'had the file' }));
    const to = idOf(await tasks().create({ name: 'gets the file' }));
    const file = idOf(
      await attachments().create({ name: 'spec.pdf', res_model: 'project.task', res_id: from }),
    );
    const recorder = await record(server.url, channels(), { cursor: await server.syncer.head() });
    try {
      await attachments().write(file, { res_id: to });
      expect(await settled(recorder, 2)).toEqual([
        `project.task#${from} write indirect {"attachment_ids":[]}`,
        `project.task#${to} write indirect {"attachment_ids":[${file}]}`,
      ]);
    } finally {
      recorder.close();
    }
  });

  it('an attachment moved to another model (res_model only): the task it left is told', async () => {
    const from = idOf(await tasks().create({ name: 'loses its file' }));
    const file = idOf(
      await attachments().create({ name: 'plan.pdf', res_model: 'project.task', res_id: from }),
    );
    const recorder = await record(server.url, channels(), { cursor: await server.syncer.head() });
    try {
      await attachments().write(file, { res_model: 'project.project' }); // same res_id
      expect(await settled(recorder, 1)).toEqual([
        `project.task#${from} write indirect {"attachment_ids":[]}`,
      ]);
    } finally {
      recorder.close();
    }
  });

  it('an attachment moved onto a task from another model: only the task it joined is told', async () => {
    const to = idOf(await tasks().create({ name: 'gains a file' }));
    const file = idOf(
      await attachments().create({ name: 'memo.pdf', res_model: 'project.project', res_id: to }),
    );
    const recorder = await record(server.url, channels(), { cursor: await server.syncer.head() });
    try {
      await attachments().write(file, { res_model: 'project.task' });
      expect(await settled(recorder, 1)).toEqual([
        `project.task#${to} write indirect {"attachment_ids":[${file}]}`,
      ]);
    } finally {
      recorder.close();
    }
  });

  it('many2many (one field back): a tag written in its own transaction tells the tasks linked to it then', async () => {
    const linked = idOf(await tasks().create({ name: 'tagged' }));
    const unlinked = idOf(await tasks().create({ name: 'was tagged' }));
    const tag = idOf(await app.env.model('project.tag').create({ name: 'red' }));
    const rel = (task: number) => ({ task_id: task, tag_id: tag }) as never;
    await app.db
      .insertInto('project_task_tag_rel' as never)
      .values([rel(linked), rel(unlinked)])
      .execute();
    // links are relation rows, not record events: removing one tells no one...
    await app.db
      .deleteFrom('project_task_tag_rel' as never)
      .where('task_id' as never, '=', unlinked as never)
      .execute();
    const recorder = await record(server.url, channels(), {
      cursor: await server.syncer.head(),
    });
    try {
      await app.env.model('project.tag').write(tag, { name: 'crimson' });
      // ...and a later write of the tag tells the tasks linked at that moment
      expect(await settled(recorder, 1)).toEqual([
        `project.task#${linked} write indirect {"tag_ids":[${tag}]}`,
      ]);
    } finally {
      recorder.close();
    }
  });

  it('a write that keeps the parent tells it once; a rolled-back move tells nobody', async () => {
    const id = idOf(await tasks().create({ name: 'stays', project_id: alpha }));
    const recorder = await record(server.url, channels(), { cursor: await server.syncer.head() });
    try {
      await tasks().write(id, { project_id: alpha, stage: 'same parent' });
      await expect(
        app.env.transaction(async (tx) => {
          await tx.model('project.task').write(id, { project_id: beta });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      const received = await settled(recorder, 2);
      expect(received).toHaveLength(2);
      expect(received[0]).toMatch(new RegExp(`^project\\.project#${alpha} write indirect `));
      expect(received[1]).toMatch(new RegExp(`^project\\.task#${id} write direct `));
    } finally {
      recorder.close();
    }
  });
});

// inverseNames: a one2many told through several fields of the child, and two lists of it.
const Team = defineModel({
  name: 'team.team',
  fields: {
    name: field.text({ required: true }),
    member_ids: field.one2many('team.member', 'team_id'),
    // a second list of the same children: the parents' rows of one event are then written one
    // satellite at a time (a single statement could upsert the same team twice)
    backup_member_ids: field.one2many('team.member', 'backup_team_id'),
  },
  implementsSyncer: true,
});
const Member = defineModel({
  name: 'team.member',
  fields: {
    name: field.text({ required: true }),
    team_id: field.many2one('team.team'),
    backup_team_id: field.many2one('team.team'),
  },
});
async function createTeamTables(db: Kysely<unknown>): Promise<void> {
  await sql`create table team_team (id serial primary key, name text not null)`.execute(db);
  await sql`create table team_member (id serial primary key, name text not null,
    team_id integer references team_team(id), backup_team_id integer references team_team(id))`.execute(
    db,
  );
}
const teamAddon = defineAddon({
  name: 'test-team',
  depends: [webSyncerAddon],
  models: [Team, Member],
  migrations: [{ name: '0001_tables', up: createTeamTables }],
  webSyncer: { inverseNames: { 'team.team.member_ids': ['team_id', 'backup_team_id'] } },
});

describe('re-parenting through a second inverse field (inverseNames)', () => {
  const registries = buildAppRegistries([teamAddon]);
  let database: TestDatabase<BinderyDatabase>;
  let env: Env;
  let server: RunningServer;
  beforeAll(async () => {
    database = await createTestDatabase<BinderyDatabase>({
      template: {
        key: `web-syncer-team-${createHash('sha256')
          .update(
            registries.addons
              .flatMap((a) => (a.migrations ?? []).map((m) => m.up.toString()))
              .join('\n'),
          )
          .digest('hex')
          .slice(0, 16)}`,
        prepare: async (db) => void (await migrate(db, registries.addons)),
      },
    });
    env = createEnv({ db: database.db, registries, userId: 1 });
    server = await startServer({
      env,
      registries,
      db: database.db,
      url: database.url,
      name: database.name,
      drop: () => database.drop(),
    });
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('moving the backup team tells the old backup team, the new one and the main team, each list once', async () => {
    const teams = env.model('team.team');
    const [main, oldBackup, newBackup] = (await teams.create([
      { name: 'Main' },
      { name: 'Old backup' },
      { name: 'New backup' },
    ])) as Record<string, unknown>[];
    const ids = [main, oldBackup, newBackup].map((t) => t?.['id'] as number);
    const member = (
      await env
        .model('team.member')
        .create({ name: 'Ada', team_id: ids[0], backup_team_id: ids[1] })
    )['id'] as number;
    const recorder = await record(
      `${server.url}?models=team.team`,
      [`${database.name}:team.team`],
      {
        cursor: await server.syncer.head(),
      },
    );
    try {
      await env.model('team.member').write(member, { backup_team_id: ids[2] });
      // member_ids lists by team_id, but is told through both fields (inverseNames): only Main
      // lists Ada and every team she touched is told; backup_member_ids follows backup_team_id
      expect(await settled(recorder, 3)).toEqual(
        [
          `team.team#${ids[0]} write indirect {"member_ids":[${member}]}`,
          `team.team#${ids[1]} write indirect {"member_ids":[],"backup_member_ids":[]}`,
          `team.team#${ids[2]} write indirect {"member_ids":[],"backup_member_ids":[${member}]}`,
        ].sort(),
      );
    } finally {
      recorder.close();
    }
  });
});
