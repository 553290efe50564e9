import {
  defineComponent,
  LruCache,
  type Component,
  type ComponentClass,
  type ComponentDefinition,
  type ComponentRegistry,
  type WorkContext,
} from '@bindery/component';
import { declaredEvents, isDeclaredEvent } from './addon-events.js';
import { CollectedEvents } from './collected-events.js';
import { UnknownEventError } from './errors/unknown-event-error.js';
import { InvalidListenerError } from './errors/invalid-listener-error.js';
import { assertEventName } from './event-name.js';
import { EVENT_LISTENER, EVENT_LISTENER_USAGE, type EventListenerClass } from './event-listener.js';
import { EventWorkContext } from './event-work-context.js';
import type { EventName } from './events-by-name.js';

/** The name of the component that collects listeners. */
export const EVENT_COLLECTER = 'base.event.collecter';

/** How many (collection, model, event) combinations each registry's collecter caches. */
export const EVENT_CACHE_SIZE = 512;

/** The instance type of `'base.event.collecter'`. */
export interface EventCollecterComponent extends Component {
  /**
   * The listeners of event `name` for this context's model (and collection, if it has one; else
   * listeners of every collection). Throws `InvalidEventNameError` / `UnknownEventError`.
   */
  collectEvents<const TName extends EventName>(name: TName): CollectedEvents<TName>;
}

type ListenerCache = LruCache<string, readonly ComponentClass[]>;
const cachesByCollecter = new WeakMap<object, ListenerCache>();

/**
 * `'base.event.collecter'`: finds the listeners of an event. Listener classes are cached per
 * registry (keyed by collection, model and event; the registry is frozen, so never stale), and
 * instantiated afresh on every collect with the collecter's work context.
 */
export const EventCollecter: ComponentDefinition<EventCollecterComponent> = defineComponent(
  { name: EVENT_COLLECTER },
  (Base) =>
    class EventCollecter extends Base implements EventCollecterComponent {
      static override completeBuild(registry: ComponentRegistry): void {
        super.completeBuild(registry);
        declaredEvents(registry);
        assertListenersInherit(registry);
        cachesByCollecter.set(this, new LruCache(EVENT_CACHE_SIZE));
      }

      collectEvents<const TName extends EventName>(name: TName): CollectedEvents<TName> {
        assertEventName(name);
        const { registry } = this.work;
        if (!isDeclaredEvent(registry, name)) {
          throw new UnknownEventError({ event: name, registryKey: registry.key });
        }
        const classes = listenerClasses(this.constructor, this.work, name);
        return new CollectedEvents(
          name,
          classes.map((Cls) => instantiate(Cls, this.work)),
        );
      }
    },
);

/** Every component with the listener usage must inherit `'base.event.listener'` (§3.12). */
function assertListenersInherit(registry: ComponentRegistry): void {
  for (const name of registry.names()) {
    const info = registry.info(name);
    if (info?.usage === EVENT_LISTENER_USAGE && !info.linearization.includes(EVENT_LISTENER)) {
      throw new InvalidListenerError(name);
    }
  }
}

/** The collection to filter on: none for an event context without one (every collection). */
function collectionNameOf(work: WorkContext): string | undefined {
  if (work instanceof EventWorkContext && !work.hasCollection) return undefined;
  return work.collection.name;
}

function listenerClasses(
  collecter: object,
  work: WorkContext,
  event: string,
): readonly ComponentClass[] {
  const collection = collectionNameOf(work);
  const key = `${collection ?? ''}\u0000${work.modelName}\u0000${event}`;
  const cache = cacheOf(collecter);
  let classes = cache.get(key);
  if (classes === undefined) {
    classes = Object.freeze(lookupListeners(work.registry, collection, work.modelName, event));
    cache.set(key, classes);
  }
  return classes;
}

function cacheOf(collecter: object): ListenerCache {
  let cache = cachesByCollecter.get(collecter);
  if (cache === undefined) {
    cache = new LruCache(EVENT_CACHE_SIZE);
    cachesByCollecter.set(collecter, cache);
  }
  return cache;
}

/** Listener classes handling `event`, in registry order. */
function lookupListeners(
  registry: ComponentRegistry,
  collection: string | undefined,
  modelName: string,
  event: string,
): ComponentClass[] {
  return registry
    .lookup({ collection, usage: EVENT_LISTENER_USAGE, modelName })
    .filter((Cls) => (Cls as EventListenerClass).hasEvent(event));
}

function instantiate(Cls: ComponentClass, work: WorkContext): Component {
  return new (Cls as unknown as new (work: WorkContext) => Component)(work);
}
