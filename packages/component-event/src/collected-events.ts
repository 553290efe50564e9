import type { Component, ComponentClass, ComponentQuery } from '@bindery/component';
import { EventListenerError } from './errors/event-listener-error.js';
import { EVENT_LISTENER_USAGE } from './event-listener.js';
import type { EventArgs } from './events-by-name.js';

/**
 * The listeners collected for one event, ready to be notified. Made by `collectEvents()` (or the
 * `'base.event.collecter'` component); empty when nothing listens or events are off (registry not
 * ready, component-event not installed).
 */
export class CollectedEvents<TName extends string = string> {
  /** The event name. */
  readonly event: TName;
  /**
   * Fresh listener instances, in registry order (frozen). A listener whose `componentMatch`
   * returns `false` at `notify()` time is skipped.
   */
  readonly listeners: readonly Component[];

  constructor(event: TName, listeners: readonly Component[]) {
    this.event = event;
    this.listeners = Object.freeze([...listeners]);
  }

  /** A collection with no listener: `notify()` does nothing. */
  static empty<TName extends string>(event: TName): CollectedEvents<TName> {
    return new CollectedEvents(event, []);
  }

  /**
   * Call the event's method on each listener, one after the other in registry order, awaiting
   * each, with the same arguments; return values are ignored. Each listener's `componentMatch`
   * is asked first (with `match: { event, args }`). The first failure stops the remaining
   * listeners and rejects with an `EventListenerError` (the original error is its `cause`).
   */
  async notify(...args: EventArgs<TName>): Promise<void> {
    const shared: readonly unknown[] = Object.freeze(args);
    for (const listener of this.listeners) {
      await notifyListener(listener, this.event, shared);
    }
  }
}

async function notifyListener(
  listener: Component,
  event: string,
  args: readonly unknown[],
): Promise<void> {
  try {
    const Cls = listener.constructor as ComponentClass;
    const query: ComponentQuery<string> = {
      usage: EVENT_LISTENER_USAGE,
      modelName: listener.work.modelName,
      match: { event, args },
    };
    if (!Cls.componentMatch(listener.work, query)) return;
    const method: unknown = Reflect.get(listener, event);
    if (typeof method !== 'function') {
      throw new TypeError(`${listener.toString()} has no method '${event}'.`);
    }
    await Reflect.apply(method, listener, args);
  } catch (cause) {
    throw new EventListenerError({ event, listener: listener.componentName, cause });
  }
}
