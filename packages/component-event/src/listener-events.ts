import { Component } from '@bindery/component';
import { isEventName } from './event-name.js';

const eventsByClass = new WeakMap<object, ReadonlySet<string>>();

/**
 * The event names a class handles: every function-valued property named like an event
 * (`onRecordCreate`) along its prototype chain, up to (excluding) `Component.prototype`.
 * Accessors and non-function values are ignored. Names come most derived first, each once.
 */
export function findListenerMethods(cls: abstract new (...args: never[]) => unknown): string[] {
  const names: string[] = [];
  let proto: object | null = cls.prototype as object;
  while (proto !== null && proto !== Component.prototype) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (names.includes(key) || !isEventName(key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      if (typeof descriptor?.value === 'function') names.push(key);
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return names;
}

/** @internal Record the events a final listener class handles. */
export function setListenerEvents(cls: object, events: readonly string[]): void {
  eventsByClass.set(cls, new Set(events));
}

/**
 * The events a final listener class handles (empty for abstract listeners and for any class
 * that is not a built listener).
 */
export function listenerEvents(cls: object): ReadonlySet<string> {
  return eventsByClass.get(cls) ?? emptyEvents;
}

const emptyEvents: ReadonlySet<string> = new Set();
