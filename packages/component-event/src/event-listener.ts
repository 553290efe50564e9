import {
  defineComponent,
  type Component,
  type ComponentClass,
  type ComponentDefinition,
  type ComponentRegistry,
} from '@bindery/component';
import { isDeclaredEvent } from './addon-events.js';
import { UnknownEventError } from './errors/unknown-event-error.js';
import { findListenerMethods, listenerEvents, setListenerEvents } from './listener-events.js';

/** The name of the abstract component every listener inherits. */
export const EVENT_LISTENER = 'base.event.listener';

/** The usage every listener has (inherited from {@link EventListener}). */
export const EVENT_LISTENER_USAGE = 'event.listener';

/**
 * A final listener class: a component class that knows which events it handles.
 */
export type EventListenerClass = ComponentClass & {
  /** True when the listener has a method for this event (always false for abstract listeners). */
  hasEvent(name: string): boolean;
};

/**
 * `'base.event.listener'`: the abstract component listeners inherit. A listener handles an event
 * by having a method of that name (`onRecordCreate`); `applyOn` limits it to models and
 * `collection` to one collection.
 *
 * The handled events are computed once per final class, after the whole registry is built, so
 * methods added later by in-place extensions of a parent listener count too. A method named like
 * an event that no addon of the registry declares fails the build (`UnknownEventError`).
 *
 * @example
 * ```ts
 * const PartnerListener = defineComponent(
 *   { name: 'partner.listener', inherit: 'base.event.listener', applyOn: ['res.partner'] },
 *   (Base) => class extends Base {
 *     async onRecordCreate(record: EventRecord, info: RecordChangeInfo) { ... }
 *   },
 * );
 * ```
 */
export const EventListener: ComponentDefinition<Component> = defineComponent(
  { name: EVENT_LISTENER, usage: EVENT_LISTENER_USAGE, abstract: true },
  (Base) =>
    class EventListener extends Base {
      static override completeBuild(registry: ComponentRegistry): void {
        super.completeBuild(registry);
        const events = this.componentInfo.abstract ? [] : findListenerMethods(this);
        for (const event of events) {
          if (!isDeclaredEvent(registry, event)) {
            throw new UnknownEventError({
              event,
              listener: this.componentInfo.name,
              registryKey: registry.key,
            });
          }
        }
        setListenerEvents(this, events);
      }

      /** True when this listener has a method for event `name` (false for abstract listeners). */
      static hasEvent(name: string): boolean {
        return listenerEvents(this).has(name);
      }
    },
);
