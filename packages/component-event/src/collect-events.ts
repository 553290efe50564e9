import type { Collection, ComponentRegistry, RegisteredEnv } from '@bindery/component';
import { CollectedEvents } from './collected-events.js';
import { EVENT_COLLECTER, type EventCollecterComponent } from './event-collecter.js';
import { assertEventName } from './event-name.js';
import { EventWorkContext } from './event-work-context.js';
import type { EventName } from './events-by-name.js';

/** Where an event happens: the registry, the model, and an env and/or a collection. */
export interface CollectEventsOptions {
  /** The registry to collect from; the only source of listeners (nothing global). */
  readonly registry: ComponentRegistry;
  /** The model the event is about; listeners with an `applyOn` must include it. */
  readonly modelName: string;
  /** Required unless a collection is given. */
  readonly env?: RegisteredEnv;
  /**
   * Restricts listeners to this collection's plus the generic ones. **Without a collection, the
   * listeners of every collection are collected**, collection-specific ones included.
   */
  readonly collection?: Collection;
}

/**
 * Collect the listeners of event `name`, to `notify()` them:
 *
 * ```ts
 * await collectEvents({ registry, modelName: 'sale.order', env }, 'onOrderPaid').notify(order);
 * ```
 *
 * - The name is checked first, always: not `on` + uppercase → `InvalidEventNameError`.
 * - **Events fire only from a ready registry**: a registry that is not built yet, or one without
 *   the component-event addon, gives an empty `CollectedEvents` (notify is a no-op).
 * - Otherwise a name no addon of the registry declares → `UnknownEventError`.
 * - Listeners come in registry order, instantiated afresh with an {@link EventWorkContext};
 *   without `collection`, listeners of every collection are included.
 */
export function collectEvents<const TName extends EventName>(
  options: CollectEventsOptions,
  name: TName,
): CollectedEvents<TName> {
  assertEventName(name);
  const { registry } = options;
  if (!registry.ready || !registry.has(EVENT_COLLECTER)) return CollectedEvents.empty(name);
  const work = new EventWorkContext(options);
  return collecterFor(work).collectEvents(name);
}

function collecterFor(work: EventWorkContext): EventCollecterComponent {
  const Collecter = work.registry.get(EVENT_COLLECTER) as unknown as new (
    work: EventWorkContext,
  ) => EventCollecterComponent;
  return new Collecter(work);
}
