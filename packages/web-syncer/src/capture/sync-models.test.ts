import { defineAddon } from '@bindery/component';
import { buildAppRegistries, defineModel, field } from '@bindery/model';
import { describe, expect, it } from 'vitest';
import { webSyncerAddon } from '../addon/web-syncer-addon.js';
import { SyncerConfigError } from '../errors/syncer-config-error.js';
import { WebSyncerError } from '../errors/web-syncer-error.js';
import type { WebSyncerAddonOptions } from '../addon/web-syncer-addon-options.js';
import { SyncModels } from './sync-models.js';

const Parent = defineModel({
  name: 'x.parent',
  implementsSyncer: true,
  fields: {
    name: field.text(),
    child_ids: field.one2many('x.child', 'parent_id'),
    tag_ids: field.many2many('x.tag', { table: 'x_rel', column1: 'parent_id', column2: 'tag_id' }),
    label_ids: field.many2many('x.label', {
      table: 'x_rel2',
      column1: 'parent_id',
      column2: 'label_id',
    }),
  },
});
const Child = defineModel({
  name: 'x.child',
  fields: {
    parent_id: field.many2one('x.parent'),
    other_id: field.many2one('x.parent'),
    note: field.text(),
  },
});
const Tag = defineModel({
  name: 'x.tag',
  fields: {
    parent_ids: field.many2many('x.parent', {
      table: 'x_rel',
      column1: 'tag_id',
      column2: 'parent_id',
    }),
  },
});
const Label = defineModel({
  name: 'x.label',
  fields: {
    a_ids: field.many2many('x.parent', {
      table: 'x_rel2',
      column1: 'label_id',
      column2: 'parent_id',
    }),
    b_ids: field.many2many('x.parent', {
      table: 'x_rel3',
      column1: 'label_id',
      column2: 'parent_id',
    }),
  },
});

function build(webSyncer?: WebSyncerAddonOptions): SyncModels {
  const addon = defineAddon({
    name: 'x',
    depends: [webSyncerAddon],
    models: [Parent, Child, Tag, Label],
    webSyncer,
  });
  const registries = buildAppRegistries([addon]);
  return SyncModels.build(registries.models, registries.addons);
}

describe('what the web-syncer knows of the models (st. 1–6)', () => {
  it('registers one2many satellites on the comodel, and many2many ones only with exactly one field back', () => {
    const models = build();
    expect(models.syncableModels()).toEqual(['x.parent']);
    expect(models.get('x.child')?.satellites).toMatchObject([
      { kind: 'one2many', field: 'child_ids', inverses: ['parent_id'], membership: 'parent_id' },
    ]);
    expect(models.get('x.tag')?.satellites).toMatchObject([
      { kind: 'many2many', field: 'tag_ids' },
    ]);
    expect(models.get('x.label')).toBeUndefined(); // two many2many fields back: nothing (st. 5)
    expect(models.get('x.child')?.inverseFields).toEqual(['parent_id']);
  });

  it('inverseNames replace the inverse (several parent fields)', () => {
    const models = build({ inverseNames: { 'x.parent.child_ids': ['parent_id', 'other_id'] } });
    expect(models.get('x.child')?.satellites[0]).toMatchObject({
      inverses: ['parent_id', 'other_id'],
      membership: 'parent_id',
    });
  });

  it('one statement per event unless two sources can write the same outbox row', () => {
    const models = build();
    expect(models.get('x.child')?.singleStatement).toBe(true);
    expect(models.get('x.parent')?.singleStatement).toBe(true);
    const Twice = defineModel({
      name: 'y.parent',
      implementsSyncer: true,
      fields: {
        child_ids: field.one2many('y.child', 'parent_id'),
        other_child_ids: field.one2many('y.child', 'other_id'),
        sub_ids: field.one2many('y.parent', 'up_id'),
        up_id: field.many2one('y.parent'),
      },
    });
    const TwiceChild = defineModel({
      name: 'y.child',
      fields: { parent_id: field.many2one('y.parent'), other_id: field.many2one('y.parent') },
    });
    const registries = buildAppRegistries([
      defineAddon({ name: 'y', depends: [webSyncerAddon], models: [Twice, TwiceChild] }),
    ]);
    const twice = SyncModels.build(registries.models, registries.addons);
    expect(twice.get('y.child')?.singleStatement).toBe(false); // two lists of the same parent
    expect(twice.get('y.parent')?.singleStatement).toBe(false); // its own row and its parent's
  });

  it('related values are registered under their root', () => {
    const models = build({ related: { 'x.child': { parent_name: 'parent_id.name' } } });
    const related = models.get('x.child')?.relatedByRoot.get('parent_id');
    expect(related?.map((r) => [r.key, r.hops.map((h) => `${h.model.name}.${h.field}`)])).toEqual([
      ['parent_name', ['x.child.parent_id', 'x.parent.name']],
    ]);
  });

  it.each([
    [{ related: { 'x.child': { bad: 'note.name' } } }, "'x.child.note' is not a many2one"],
    [{ related: { 'x.child': { bad: 'parent_id.nope' } } }, "'x.parent' has no field 'nope'"],
    [{ related: { 'x.child': { bad: 'parent_id' } } }, 'needs a many2one root and a field'],
    [{ related: { 'x.child': { bad: 'parent_id.child_ids' } } }, 'must end on a stored field'],
    [{ related: { 'no.model': { bad: 'a.b' } } }, 'unknown model'],
    [{ inverseNames: { 'x.parent.child_ids': ['note'] } }, 'must be a many2one'],
    [{ userModel: 'no.users' }, 'unknown model'],
  ] as [WebSyncerAddonOptions, string][])(
    'refuses inconsistent options: %j',
    (options, message) => {
      const error = (() => {
        try {
          build(options);
          return undefined;
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(SyncerConfigError);
      expect(WebSyncerError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(message);
    },
  );
});
