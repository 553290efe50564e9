import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Syncer } from '../client/syncer.js';
import type { SyncNotification } from '../protocol/notification.js';
import { projectDatabase, type ProjectDatabase } from '../__fixtures__/project-database.js';
import { startServer, waitFor, type RunningServer } from '../__fixtures__/server-harness.js';

let app: ProjectDatabase;
let server: RunningServer;
beforeAll(async () => {
  app = await projectDatabase();
  server = await startServer(app);
});
afterAll(async () => {
  await server?.close();
  await app?.drop();
});

const tasks = () => app.env.model('project.task');

describe('end to end: the original contract', () => {
  it('delivers create, write and unlink as [[db, model, id], payload] to a subscriber', async () => {
    const sync = new Syncer({ url: server.url });
    const received: SyncNotification[] = [];
    const connected = new Promise((resolve) => sync.on('connect', resolve));
    sync.subscribe(`${app.name}:project.task`, (notification) => received.push(notification));
    await connected;
    const task = await tasks().create({ name: 'Write the spec' });
    const id = task['id'] as number;
    await tasks().write(id, { stage: 'done' });
    await tasks().unlink(id);
    await waitFor(() => received.length === 3, 'three notifications');
    sync.close();
    expect(received.map((n) => [n[0], n[1].method])).toEqual([
      [[app.name, 'project.task', id], 'create'],
      [[app.name, 'project.task', id], 'write'],
      [[app.name, 'project.task', id], 'unlink'],
    ]);
    const [create, write, unlink] = received.map((n) => n[1]);
    expect(create).toMatchObject({
      entire: true,
      indirect: false,
      record_name: 'Write the spec',
      user_id: { id: 1, name: 'Admin' },
    });
    expect(create?.data).toMatchObject({
      id,
      name: 'Write the spec',
      project_id: false,
      tag_ids: [],
    });
    expect(write?.data).toEqual({ stage: 'done' });
    expect(write).toMatchObject({ entire: false, indirect: false });
    expect(unlink?.data).toEqual({});
  });
});
