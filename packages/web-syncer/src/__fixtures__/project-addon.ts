import { defineAddon } from '@bindery/component';
import { defineModel, field } from '@bindery/model';
import { sql, type Kysely } from 'kysely';
import { webSyncerAddon } from '../addon/web-syncer-addon.js';

export const User = defineModel({
  name: 'res.users',
  fields: { name: field.text({ required: true }) },
});

export const Partner = defineModel({
  name: 'res.partner',
  fields: { name: field.text({ required: true }), email: field.text() },
});

export const Project = defineModel({
  name: 'project.project',
  fields: {
    name: field.text({ required: true }),
    partner_id: field.many2one('res.partner'),
    task_ids: field.one2many('project.task', 'project_id'),
  },
  implementsSyncer: true,
});

export const Task = defineModel({
  name: 'project.task',
  fields: {
    name: field.text({ required: true }),
    project_id: field.many2one('project.project'),
    partner_id: field.many2one('res.partner'),
    stage: field.text(),
    sequence: field.integer(),
    deadline: field.date(),
    write_date: field.datetime(),
    tag_ids: field.many2many('project.tag', {
      table: 'project_task_tag_rel',
      column1: 'task_id',
      column2: 'tag_id',
    }),
    attachment_ids: field.one2many('ir.attachment', 'res_id'),
  },
  implementsSyncer: true,
});

export const Tag = defineModel({
  name: 'project.tag',
  fields: {
    name: field.text({ required: true }),
    task_ids: field.many2many('project.task', {
      table: 'project_task_tag_rel',
      column1: 'tag_id',
      column2: 'task_id',
    }),
  },
});

export const Attachment = defineModel({
  name: 'ir.attachment',
  fields: {
    name: field.text({ required: true }),
    res_model: field.text(),
    res_id: field.integer(),
  },
});

export const Note = defineModel({
  name: 'project.note',
  fields: { name: field.text({ required: true }), body: field.text() },
  implementsSyncer: true,
  syncEntire: true,
});

async function createTables(db: Kysely<unknown>): Promise<void> {
  await sql`create table res_users (id serial primary key, name text not null)`.execute(db);
  await sql`create table res_partner (id serial primary key, name text not null, email text)`.execute(
    db,
  );
  await sql`create table project_project (id serial primary key, name text not null,
    partner_id integer references res_partner(id))`.execute(db);
  await sql`create table project_task (id serial primary key, name text not null,
    project_id integer references project_project(id) on delete set null,
    partner_id integer references res_partner(id), stage text, sequence integer, deadline date,
    write_date timestamptz not null default now())`.execute(db);
  await sql`create table project_tag (id serial primary key, name text not null)`.execute(db);
  await sql`create table project_task_tag_rel (task_id integer not null references project_task(id) on delete cascade,
    tag_id integer not null references project_tag(id) on delete cascade, primary key (task_id, tag_id))`.execute(
    db,
  );
  await sql`create table ir_attachment (id serial primary key, name text not null, res_model text, res_id integer)`.execute(
    db,
  );
  await sql`create table project_note (id serial primary key, name text not null, body text)`.execute(
    db,
  );
}

/** A project-management app on the web-syncer: synced projects, tasks and notes. */
export const projectAddon = defineAddon({
  name: 'test-project',
  depends: [webSyncerAddon],
  models: [User, Partner, Project, Task, Tag, Attachment, Note],
  migrations: [{ name: '0001_tables', up: createTables }],
  webSyncer: {
    related: {
      'project.task': {
        project_name: 'project_id.name',
        customer_email: 'project_id.partner_id.email',
      },
    },
    userModel: 'res.users',
  },
});
