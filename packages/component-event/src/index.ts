// Type-only module: its `declare module '@bindery/component'` registers this package's components.
import './typed-components.js';

export { declaredEvents, isDeclaredEvent } from './addon-events.js';
export { collectEvents, type CollectEventsOptions } from './collect-events.js';
export { CollectedEvents } from './collected-events.js';
export { componentEventAddon, RECORD_EVENTS } from './component-event-addon.js';
export { EventError } from './errors/event-error.js';
export {
  EventListenerError,
  type EventListenerErrorDetails,
} from './errors/event-listener-error.js';
export { InvalidEventNameError } from './errors/invalid-event-name-error.js';
export { InvalidListenerError } from './errors/invalid-listener-error.js';
export { UnknownEventError, type UnknownEventErrorDetails } from './errors/unknown-event-error.js';
export {
  EVENT_CACHE_SIZE,
  EVENT_COLLECTER,
  EventCollecter,
  type EventCollecterComponent,
} from './event-collecter.js';
export {
  EVENT_LISTENER,
  EVENT_LISTENER_USAGE,
  EventListener,
  type EventListenerClass,
} from './event-listener.js';
export { assertEventName, EVENT_NAME_PATTERN, isEventName } from './event-name.js';
export { EventWorkContext, type EventWorkContextOptions } from './event-work-context.js';
export type {
  EventArgs,
  EventHandler,
  EventName,
  EventRecord,
  EventsByName,
  RecordChangeInfo,
} from './events-by-name.js';
export { listenerEvents } from './listener-events.js';
export { emitRecordCreate, emitRecordUnlink, emitRecordWrite } from './record-events.js';
export {
  skipIf,
  type ListenerMethod,
  type SkipCondition,
  type SkipIfDecorator,
} from './skip-if.js';
