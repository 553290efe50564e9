import { describe, expect, it } from 'vitest';
import { Dispatcher } from './dispatcher.js';
import type { OutboxEvent } from './outbox-event.js';
import type { OutboxReader } from './outbox-reader.js';

/**
 * An in-memory outbox: commits become visible when the test says so; every call the dispatcher
 * makes is logged, so the order of reads, arming and deliveries can be checked exactly.
 */
function fakeOutbox() {
  const visible: string[] = [];
  const log: string[] = [];
  let assigned = 0;
  let onRead: (() => void) | undefined;
  const event = (seq: string): OutboxEvent => ({
    seq,
    id: seq,
    cursor: `${seq}:${seq}`,
    channel: 'db:m',
    model: 'm',
    recordId: Number(seq),
    payloadText: '{}',
  });
  const reader = {
    commitsAfter: (after: string, limit: number): Promise<OutboxEvent[]> => {
      const seqs = visible.filter((seq) => Number(seq) > Number(after)).slice(0, limit);
      log.push(`read>${after}:[${seqs.join(',')}]`);
      const hook = onRead;
      onRead = undefined;
      hook?.();
      return Promise.resolve(seqs.map(event));
    },
    arm: (): Promise<void> => {
      log.push('arm');
      return Promise.resolve();
    },
    lastAssignedSeq: (): Promise<string> => Promise.resolve(String(assigned)),
    committingTransactions: (): Promise<string[]> => Promise.resolve([]),
  };
  return {
    reader: reader as unknown as OutboxReader,
    log,
    /** A commit takes the next number and becomes visible. */
    commit(): void {
      assigned++;
      visible.push(String(assigned));
    },
    /** Run `fn` right after the next read (a commit landing while the dispatcher works). */
    afterNextRead(fn: () => void): void {
      onRead = fn;
    },
  };
}

function dispatcherOn(outbox: ReturnType<typeof fakeOutbox>, busyPollMs: number): Dispatcher {
  return new Dispatcher({
    reader: outbox.reader,
    onEvents: (events) => outbox.log.push(`deliver ${events.map((e) => e.seq).join(',')}`),
    onError: (error) => {
      throw error;
    },
    pageCommits: 500,
    notify: true,
    busyPollMs,
  });
}

describe('dispatcher: arming under a stream of commits', () => {
  it('reads again after busyPollMs while commits keep arriving, and arms only after a read finds nothing', async () => {
    const outbox = fakeOutbox();
    const dispatcher = dispatcherOn(outbox, 2);
    await dispatcher.start();
    outbox.commit();
    outbox.afterNextRead(() => outbox.commit()); // commit 2 lands during the first round
    await dispatcher.wake();
    expect(outbox.log).toEqual([
      'read>0:[1]',
      'deliver 1',
      'read>1:[2]', // a short poll, not a NOTIFY: writers were not asked for one
      'deliver 2',
      'read>2:[]',
      'arm', // nothing new: now ask writers for a NOTIFY
    ]);
    expect(dispatcher.stats()).toMatchObject({ delivered: '2', gaps: 0 });
  });

  it('with busyPollMs 0, arms after every round and waits for the numbers taken before', async () => {
    const outbox = fakeOutbox();
    const dispatcher = dispatcherOn(outbox, 0);
    await dispatcher.start();
    outbox.commit();
    outbox.afterNextRead(() => outbox.commit());
    await dispatcher.wake();
    expect(outbox.log).toEqual([
      'read>0:[1]',
      'deliver 1',
      'arm', // commit 2 took its number before the flag: settle, then deliver it before sleeping
      'read>1:[2]',
      'deliver 2',
    ]);
    expect(dispatcher.stats()).toMatchObject({ delivered: '2', gaps: 1 });
  });

  it('a wake-up while it polls is folded into the running pass; close stops the polling', async () => {
    const outbox = fakeOutbox();
    const dispatcher = dispatcherOn(outbox, 5);
    await dispatcher.start();
    outbox.commit();
    const pass = dispatcher.wake();
    outbox.commit();
    const again = dispatcher.wake(); // a NOTIFY arriving mid-pass
    expect(again).toBe(pass);
    await dispatcher.close();
    expect(outbox.log.filter((line) => line.startsWith('deliver'))).toEqual(['deliver 1']);
    expect(outbox.log).not.toContain('arm');
    await dispatcher.wake(); // closed: nothing more
    expect(outbox.log.filter((line) => line.startsWith('read'))).toHaveLength(1);
  });
});
