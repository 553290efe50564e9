import type { Addon, ComponentRegistry } from '@bindery/component';
import { assertEventName } from './event-name.js';

declare module '@bindery/component' {
  interface Addon {
    /**
     * Names of the events this addon emits (`'onOrderPaid'`). Collecting an event, or declaring a
     * listener method named like one, requires some addon of the registry to declare it.
     */
    readonly events?: readonly string[];
  }
}

const declaredByAddons = new WeakMap<readonly Addon[], ReadonlySet<string>>();

/**
 * Every event name declared by the addons of `registry`, validated (an invalid name throws
 * `InvalidEventNameError` naming the addon). Computed once per build, then cached.
 */
export function declaredEvents(registry: ComponentRegistry): ReadonlySet<string> {
  const { addons } = registry;
  let events = declaredByAddons.get(addons);
  if (events === undefined) {
    events = collectAddonEvents(addons);
    declaredByAddons.set(addons, events);
  }
  return events;
}

/** True when some addon of `registry` declares `name`. */
export function isDeclaredEvent(registry: ComponentRegistry, name: string): boolean {
  return declaredEvents(registry).has(name);
}

function collectAddonEvents(addons: readonly Addon[]): ReadonlySet<string> {
  const events = new Set<string>();
  for (const addon of addons) {
    const declared: unknown = addon.events ?? [];
    if (!Array.isArray(declared)) {
      throw new TypeError(`Addon '${addon.name}': events must be an array of event names.`);
    }
    for (const name of declared as unknown[]) {
      assertEventName(name, { addon: addon.name });
      events.add(name);
    }
  }
  return events;
}
