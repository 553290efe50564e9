import { ComponentRegistry, defineComponent } from '@bindery/component';
import { createTestRegistry } from '@bindery/component/test';
import { describe, expect, it } from 'vitest';
import { componentEventAddon } from './component-event-addon.js';
import { EventListenerError } from './errors/event-listener-error.js';
import type { EventRecord, RecordChangeInfo } from './events-by-name.js';
import { emitRecordCreate, emitRecordUnlink, emitRecordWrite } from './record-events.js';

type Log = [event: string, model: string, record: EventRecord, info?: RecordChangeInfo][];

function recordRegistry(log: Log, applyOn?: string[]): ComponentRegistry {
  const Listener = defineComponent(
    { name: 'record.listener', inherit: 'base.event.listener', applyOn },
    (Base) =>
      class extends Base {
        onRecordCreate(record: EventRecord, info: RecordChangeInfo): void {
          log.push(['create', this.modelName, record, info]);
        }
        onRecordWrite(record: EventRecord, info: RecordChangeInfo): void {
          log.push(['write', this.modelName, record, info]);
        }
        onRecordUnlink(record: EventRecord): void {
          log.push(['unlink', this.modelName, record]);
        }
      },
  );
  return createTestRegistry({ addons: [componentEventAddon], components: [Listener] });
}

const env = { tag: 'env' };

describe('record events for a data layer (N4–N7, §3.1.14, §3.2.33)', () => {
  it('emitRecordCreate passes the record and a frozen copy of the fields', async () => {
    const log: Log = [];
    const registry = recordRegistry(log);
    const fields = ['name', 'code'];
    const record = { id: 1 };
    await emitRecordCreate({ registry, modelName: 'res.partner', env }, record, fields);
    fields.push('late');
    expect(log).toHaveLength(1);
    const [event, model, seen, info] = log[0] ?? [];
    expect([event, model, seen]).toEqual(['create', 'res.partner', record]);
    expect(seen).toBe(record);
    expect(info?.fields).toEqual(['name', 'code']);
    expect(Object.isFrozen(info)).toBe(true);
    expect(Object.isFrozen(info?.fields)).toBe(true);
  });

  it('emitRecordWrite notifies once per record, in order, sharing one frozen field list', async () => {
    const log: Log = [];
    const registry = recordRegistry(log);
    await emitRecordWrite(
      { registry, modelName: 'res.partner', env },
      [{ id: 1 }, { id: 2n }, { id: 'c' }],
      ['name'],
    );
    expect(log.map(([event, , record]) => [event, record.id])).toEqual([
      ['write', 1],
      ['write', 2n],
      ['write', 'c'],
    ]);
    const infos = log.map(([, , , info]) => info);
    expect(infos[0]).toBe(infos[2]);
    expect(infos[0]?.fields).toBe(infos[1]?.fields);
    expect(Object.isFrozen(infos[0]?.fields)).toBe(true);
    expect(() => (infos[0]?.fields as string[]).push('x')).toThrow(TypeError);
  });

  it('emitRecordUnlink notifies once per record, with the record only', async () => {
    const log: Log = [];
    const registry = recordRegistry(log);
    await emitRecordUnlink({ registry, modelName: 'res.partner', env }, [{ id: 1 }, { id: 2 }]);
    expect(log).toEqual([
      ['unlink', 'res.partner', { id: 1 }],
      ['unlink', 'res.partner', { id: 2 }],
    ]);
  });

  it('respects applyOn', async () => {
    const log: Log = [];
    const registry = recordRegistry(log, ['res.partner']);
    await emitRecordUnlink({ registry, modelName: 'res.users', env }, [{ id: 1 }]);
    await emitRecordUnlink({ registry, modelName: 'res.partner', env }, [{ id: 2 }]);
    expect(log.map(([, model]) => model)).toEqual(['res.partner']);
  });

  it('does nothing while the registry is not ready', async () => {
    const registry = new ComponentRegistry();
    await expect(
      emitRecordWrite({ registry, modelName: 'res.partner', env }, [{ id: 1 }], ['name']),
    ).resolves.toBeUndefined();
  });

  it('stops at the first failing record and rejects with EventListenerError', async () => {
    const seen: EventRecord[] = [];
    const Failing = defineComponent(
      { name: 'failing.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          onRecordWrite(record: EventRecord): void {
            seen.push(record);
            if (record.id === 2) throw new Error('cannot export');
          }
        },
    );
    const registry = createTestRegistry({ addons: [componentEventAddon], components: [Failing] });
    const write = emitRecordWrite(
      { registry, modelName: 'm', env },
      [{ id: 1 }, { id: 2 }, { id: 3 }],
      ['name'],
    );
    await expect(write).rejects.toBeInstanceOf(EventListenerError);
    expect(seen.map((record) => record.id)).toEqual([1, 2]);
  });
});
