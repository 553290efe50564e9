import { describe, expect, it } from 'vitest';
import { ChannelConfigError } from '../errors/channel-config-error.js';
import { UnknownChannelError } from '../errors/unknown-channel-error.js';
import type { JobState } from '../jobs/job-state.js';
import { parseChannelConfig, splitStrip } from './channel-config.js';
import { ChannelJob } from './channel-job.js';
import { ChannelManager } from './channel-manager.js';
import { ChannelQueue } from './channel-queue.js';
import { ChannelTree } from './channel-tree.js';
import { PriorityQueue } from './priority-queue.js';

// queue_job's `jobrunner/channels.py` doctests (spec §1.9), one `it` per example.

function job(uuid: string | number, c: number, p: number, e?: number): ChannelJob {
  return new ChannelJob({ uuid: String(uuid), seq: 0, dateCreated: c, priority: p, eta: e });
}

describe('§1.9.1 PriorityQueue', () => {
  it('pops the smallest, removes by identity and re-adds', () => {
    const q = new PriorityQueue<number>((a, b) => a < b);
    q.add(2);
    q.add(3);
    q.add(3);
    q.add(1);
    expect(q.peek()).toBe(1);
    expect(q.length).toBe(3);
    expect(q.pop()).toBe(1);
    q.remove(2);
    expect(q.length).toBe(1);
    expect(q.peek()).toBe(3);
    expect(q.pop()).toBe(3);
    expect(q.pop()).toBeUndefined();
    q.add(2);
    q.remove(2);
    q.add(2);
    expect(q.pop()).toBe(2);
  });
});

describe('§1.9.2 SafeSet', () => {
  it('is a plain Set in TypeScript: deleting a missing member never throws', () => {
    const s = new Set<number>();
    expect(s.delete(1)).toBe(false);
    expect(s.size).toBe(0);
    expect(s.delete(1)).toBe(false);
  });
});

describe('§1.9.3 ChannelJob ordering', () => {
  it('orders eta jobs first, then priority, creation and seq', () => {
    const j1 = job(1, 1, 9);
    const j2 = job(2, 2, 9);
    const j3 = job(3, 3, 2);
    const j4 = job(4, 4, 9, 9);
    const j5 = job(5, 5, 9, 9);
    const j6 = job(6, 5, 9, 2);
    expect(j1.lessThan(j2)).toBe(true);
    expect(j3.lessThan(j1)).toBe(true);
    expect(j4.lessThan(j5) && j5.lessThan(j3)).toBe(true);
    expect(j6.lessThan(j4) && j4.lessThan(j5)).toBe(true);
    const chain = [j6, j4, j5, j3, j1, j2];
    expect(chain.every((j, i) => i === 0 || (chain[i - 1] as ChannelJob).lessThan(j))).toBe(true);
    expect(String(j1)).toBe('<ChannelJob 1>');
    const j0 = job(1, 1, 9);
    expect(j0 === j1).toBe(false);
    expect(j0 === j0).toBe(true);
    expect(j1.sortingKeyIgnoringEta() < j2.sortingKeyIgnoringEta()).toBe(true);
  });
});

describe('§1.9.4 ChannelQueue', () => {
  it('releases eta jobs when due, then by priority', () => {
    const q = new ChannelQueue();
    q.add(job(1, 1, 1, 10));
    q.add(job(2, 2, 1));
    q.add(job(3, 3, 1));
    expect(q.getWakeupTime()).toBe(10);
    expect(String(q.pop(1))).toBe('<ChannelJob 2>');
    expect(q.getWakeupTime()).toBe(10);
    expect(String(q.pop(11))).toBe('<ChannelJob 1>');
    expect(q.getWakeupTime()).toBe(0);
    expect(String(q.pop(12))).toBe('<ChannelJob 3>');
    expect(q.getWakeupTime()).toBe(0);
    expect(q.pop(13)).toBeUndefined();
  });

  it('runs a job whose eta has passed after jobs with a higher priority', () => {
    const q = new ChannelQueue();
    q.add(job(4, 4, 10, 20));
    q.add(job(5, 5, 1));
    expect(q.getWakeupTime()).toBe(20);
    expect(String(q.pop(21))).toBe('<ChannelJob 5>');
    expect(q.getWakeupTime()).toBe(0);
    expect(String(q.pop(22))).toBe('<ChannelJob 4>');
  });

  it('never overtakes a job that is not due in a sequential queue', () => {
    const q = new ChannelQueue({ sequential: true });
    q.add(job(6, 6, 1));
    q.add(job(7, 7, 1, 20));
    q.add(job(8, 8, 1));
    expect(String(q.pop(10))).toBe('<ChannelJob 6>');
    expect(q.pop(15)).toBeUndefined();
    expect(String(q.pop(20))).toBe('<ChannelJob 7>');
    expect(String(q.pop(30))).toBe('<ChannelJob 8>');
  });
});

describe('§1.9.5 ChannelManager', () => {
  function manager(config: string) {
    const cm = new ChannelManager(config);
    const notify = (
      channel: string,
      uuid: string,
      seq: number,
      priority: number,
      eta: number | undefined,
      state: JobState,
    ) => cm.notify({ channel, uuid, seq, dateCreated: 0, priority, eta, state });
    const run = (now: number) => cm.getJobsToRun(now).map((j) => j.uuid);
    return { cm, notify, run };
  }

  it('(a) bounds concurrency by every channel on the path', () => {
    const { notify, run } = manager('root:4,A:4,B:1');
    for (let i = 1; i <= 6; i++) notify('A', `A${i}`, i, 10, undefined, 'pending');
    notify('B', 'B1', 1, 5, undefined, 'pending');
    notify('B', 'B2', 2, 5, undefined, 'pending');
    expect(run(100)).toEqual(['B1', 'A1', 'A2', 'A3']);
    notify('A', 'A2', 2, 10, undefined, 'done');
    expect(run(100)).toEqual(['A4']);
    notify('B', 'B1', 1, 5, undefined, 'done');
    expect(run(100)).toEqual(['B2']);
    notify('A', 'A1', 1, 10, undefined, 'done');
    notify('A', 'A6', 6, 5, undefined, 'pending');
    expect(run(100)).toEqual(['A6']);
  });

  it('(b) throttles starts', () => {
    const { cm, notify, run } = manager('root:4,A:4:throttle=2');
    notify('A', 'A1', 1, 10, undefined, 'pending');
    notify('A', 'A2', 2, 10, undefined, 'pending');
    expect(run(100)).toEqual(['A1']);
    expect(cm.getWakeupTime()).toBe(102);
    expect(run(101)).toEqual([]);
    expect(cm.getWakeupTime()).toBe(102);
    expect(run(102)).toEqual(['A2']);
    expect(cm.getWakeupTime()).toBe(104);
  });

  it('(c) requests no timed wakeup while a throttled channel is full', () => {
    const { cm, notify, run } = manager('root:4,T:2:throttle=2');
    for (let i = 1; i <= 3; i++) notify('T', `T${i}`, i, 10, undefined, 'pending');
    expect(run(100)).toEqual(['T1']);
    expect(run(102)).toEqual(['T2']);
    expect(run(103)).toEqual([]);
    expect(cm.getWakeupTime()).toBe(0);
    expect(run(104)).toEqual([]);
    expect(cm.getWakeupTime()).toBe(0);
    notify('T', 'T1', 1, 10, undefined, 'done');
    expect(run(105)).toEqual(['T3']);
    expect(cm.getWakeupTime()).toBe(0);
    notify('T', 'T2', 1, 10, undefined, 'done');
    expect(cm.getWakeupTime()).toBe(107);
  });

  it('(d) re-queues a postponed job with its eta', () => {
    const { cm, notify, run } = manager('root:4,E:1');
    for (let i = 1; i <= 3; i++) notify('E', `E${i}`, i, 10, undefined, 'pending');
    expect(run(100)).toEqual(['E1']);
    expect(run(101)).toEqual([]);
    notify('E', 'E1', 1, 10, 105, 'pending');
    expect(cm.getWakeupTime()).toBe(105);
    expect(run(102)).toEqual(['E2']);
    expect(run(106)).toEqual([]);
    expect(cm.getWakeupTime()).toBe(0);
    notify('E', 'E2', 2, 10, undefined, 'done');
    expect(cm.getWakeupTime()).toBe(105);
    expect(run(107)).toEqual(['E1']);
    expect(cm.getWakeupTime()).toBe(0);
  });

  it('(e) blocks a sequential channel on failure and keeps its order', () => {
    const { cm, notify, run } = manager('root:4,S:1:sequential');
    for (let i = 1; i <= 3; i++) notify('S', `S${i}`, i, 10, undefined, 'pending');
    expect(run(100)).toEqual(['S1']);
    notify('S', 'S1', 1, 10, undefined, 'failed');
    expect(run(101)).toEqual([]);
    notify('S', 'S2', 2, 10, 105, 'pending');
    expect(run(102)).toEqual([]);
    expect(cm.getWakeupTime()).toBe(0);
    notify('S', 'S1', 1, 10, undefined, 'pending');
    expect(cm.getWakeupTime()).toBe(105);
    expect(run(102)).toEqual(['S1']);
    expect(run(103)).toEqual([]);
    notify('S', 'S1', 1, 10, undefined, 'done');
    expect(run(103)).toEqual([]);
    expect(run(105)).toEqual(['S2']);
    notify('S', 'S2', 2, 10, 105, 'done');
    expect(run(105)).toEqual(['S3']);
    notify('S', 'S3', 3, 10, undefined, 'done');
    expect(run(105)).toEqual([]);
  });
});

describe('§1.9.6 splitStrip', () => {
  it('splits and trims, keeping empty pieces', () => {
    expect(splitStrip('foo: bar baz\n: fred:', ':')).toEqual(['foo', 'bar baz', 'fred', '']);
  });
});

describe('§1.9.7 parseChannelConfig', () => {
  it.each([
    ['root:4', [{ capacity: 4, name: 'root' }]],
    [
      'root:4,root.sub:2',
      [
        { capacity: 4, name: 'root' },
        { capacity: 2, name: 'root.sub' },
      ],
    ],
    [
      'root:4,root.sub:2:sequential:k=v',
      [
        { capacity: 4, name: 'root' },
        { capacity: 2, k: 'v', name: 'root.sub', sequential: true },
      ],
    ],
    ['root', [{ capacity: 1, name: 'root' }]],
    ['sub:2', [{ capacity: 2, name: 'sub' }]],
    [
      '\n    root : 4,\n    ,\n    foo bar:1: k=va lue,\n',
      [
        { capacity: 4, name: 'root' },
        { capacity: 1, k: 'va lue', name: 'foo bar' },
      ],
    ],
    [
      '\n    root : 4\n    foo bar:1: k=va lue\n    baz\n',
      [
        { capacity: 4, name: 'root' },
        { capacity: 1, k: 'va lue', name: 'foo bar' },
        { capacity: 1, name: 'baz' },
      ],
    ],
  ])('parses %j', (input, expected) => {
    expect(parseChannelConfig(input)).toEqual(expected);
  });
});

describe('configuration checks beyond the doctests', () => {
  it('rejects sequential channels whose capacity is not 1 (QJ-54) and unknown keys', () => {
    expect(() => ChannelTree.fromConfig('root:4,root.sub:2:sequential')).toThrow(
      ChannelConfigError,
    );
    expect(() => ChannelTree.fromConfig('root:4,root.sub:2:k=v')).toThrow(/unknown key 'k'/);
  });

  it.each([
    'root:x',
    ':2',
    'root:1:a:a',
    'root:1:throttle=0',
    'root:1:throttle=1.5',
    'root:1:sequential=yes',
  ])('rejects %j', (config) => {
    expect(() => ChannelTree.fromConfig(config)).toThrow(ChannelConfigError);
  });
});

describe('§1.9.8 simple configure', () => {
  it('creates parents unlimited and keeps the configured properties', () => {
    expect(new ChannelTree().get('root').capacity).toBe(1);
    const tree = ChannelTree.fromConfig('root:4,autosub.sub:2,seq:1:sequential');
    expect(tree.get('root').capacity).toBe(4);
    expect(tree.get('root').sequential).toBe(false);
    expect(tree.get('root.autosub').capacity).toBeUndefined();
    expect(tree.get('root.autosub.sub').capacity).toBe(2);
    expect(tree.get('root.autosub.sub').sequential).toBe(false);
    expect(tree.get('autosub.sub').capacity).toBe(2);
    expect(tree.get('seq').capacity).toBe(1);
    expect(tree.get('seq').sequential).toBe(true);
  });
});

describe('§1.9.9 get channel by name', () => {
  it('finds, creates and falls back', () => {
    const tree = new ChannelTree();
    const root = tree.get('root');
    expect([root.name, root.fullName]).toEqual(['root', 'root']);
    const sub = tree.get('root.sub', { autocreate: true });
    expect([sub.name, sub.fullName]).toEqual(['sub', 'root.sub']);
    expect(tree.get('sub', { autocreate: true }).fullName).toBe('root.sub');
    const auto = tree.get('autosub.sub', { autocreate: true });
    expect([auto.name, auto.fullName]).toEqual(['sub', 'root.autosub.sub']);
    expect(tree.get(undefined).fullName).toBe('root');
    expect(tree.get('root.sub').fullName).toBe('root.sub');
    expect(tree.get('sub').fullName).toBe('root.sub');
    expect(() => tree.get('root.nope')).toThrow(UnknownChannelError);
  });

  it('falls back to the nearest configured ancestor (not the doctest quirk root.sub.sub.not.configured)', () => {
    const tree = new ChannelTree();
    tree.get('root.sub', { autocreate: true });
    expect(tree.get('root.sub.not.configured', { parentFallback: true }).fullName).toBe('root.sub');
  });
});
