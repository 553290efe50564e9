import { defineAddon } from '@bindery/component';
import { EventCollecter } from './event-collecter.js';
import { EventListener } from './event-listener.js';

/** The events `component-event` declares: what a data layer fires around create / write / unlink. */
export const RECORD_EVENTS = Object.freeze([
  'onRecordCreate',
  'onRecordWrite',
  'onRecordUnlink',
] as const);

/**
 * The `component-event` addon: `'base.event.listener'`, `'base.event.collecter'` and the record
 * events. Addons with listeners depend on it; addons that emit their own events list them in
 * `events`.
 *
 * @example
 * ```ts
 * const shopAddon = defineAddon({
 *   name: 'shop',
 *   depends: [componentEventAddon],
 *   events: ['onOrderPaid'],
 *   components: [OrderListener],
 * });
 * ```
 */
export const componentEventAddon = defineAddon({
  name: 'component-event',
  components: [EventListener, EventCollecter],
  events: RECORD_EVENTS,
});
