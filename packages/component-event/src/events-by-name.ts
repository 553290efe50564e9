/**
 * The record an event is about. Only an `id` is required here; the data layer refines it with
 * module augmentation:
 *
 * ```ts
 * declare module '@bindery/component-event' {
 *   interface EventRecord { readonly modelName: string }
 * }
 * ```
 */
export interface EventRecord {
  readonly id: string | number | bigint;
}

/** What changed in a create or write: the field names the caller passed (frozen). */
export interface RecordChangeInfo {
  readonly fields: readonly string[];
  /**
   * For a write, when the data layer provides them: the values the written fields had before
   * the write (frozen). `@bindery/model` provides them.
   */
  readonly previous?: Readonly<Record<string, unknown>>;
}

/**
 * Listener arguments by event name. Other packages add their events with module augmentation,
 * and declare the names in their addon's `events`:
 *
 * ```ts
 * declare module '@bindery/component-event' {
 *   interface EventsByName { onOrderPaid: [order: Order] }
 * }
 * ```
 *
 * A name that is not registered here is still accepted, with `unknown[]` arguments.
 */
export interface EventsByName {
  /** A record was created (fired after the insert). */
  onRecordCreate: [record: EventRecord, info: RecordChangeInfo];
  /** A record was written (fired after the update). */
  onRecordWrite: [record: EventRecord, info: RecordChangeInfo];
  /** A record is about to be deleted (fired before the delete). */
  onRecordUnlink: [record: EventRecord];
}

/** An event name: the registered ones (for autocompletion) or any string. */
export type EventName = keyof EventsByName | (string & {});

/** The listener arguments of an event: from {@link EventsByName}, else `unknown[]`. */
export type EventArgs<TName extends string> = TName extends keyof EventsByName
  ? EventsByName[TName] extends readonly unknown[]
    ? EventsByName[TName]
    : never
  : unknown[];

/**
 * The type of a listener method for an event. Listener methods must be real methods (declared in
 * the class body, so they live on the prototype), not arrow-function fields. To have their
 * signatures checked, name them in an `implements` clause:
 *
 * ```ts
 * (Base) => class extends Base implements { onRecordCreate: EventHandler<'onRecordCreate'> } {
 *   async onRecordCreate(record: EventRecord, info: RecordChangeInfo) {}
 * }
 * ```
 */
export type EventHandler<TName extends string> = (
  ...args: EventArgs<TName>
) => void | Promise<void>;
