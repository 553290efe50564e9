import type { SyncNotification, SyncPayload } from '../protocol/notification.js';
import type { OutboxEvent } from './outbox-event.js';
import type { SyncEvent } from './sync-event.js';

/**
 * Turns outbox events into wire text, once per event however many sockets receive it. Payloads
 * larger than `maxEventBytes` lose their `data` and get `truncated: true` (clients refetch).
 * @internal
 */
export class EventEncoder {
  readonly #db: string;
  readonly #maxEventBytes: number;
  readonly #texts = new WeakMap<OutboxEvent, string>();
  readonly #views = new WeakMap<OutboxEvent, SyncEvent>();

  constructor(db: string, maxEventBytes: number) {
    this.#db = db;
    this.#maxEventBytes = maxEventBytes;
  }

  /** The `{"cursor","channel","message"}` JSON of an event. */
  text(event: OutboxEvent): string {
    let text = this.#texts.get(event);
    if (text === undefined) {
      const head = `[${JSON.stringify(this.#db)},${JSON.stringify(event.model)},${JSON.stringify(event.recordId)}]`;
      text = `{"cursor":"${event.cursor}","channel":${JSON.stringify(event.channel)},"message":[${head},${this.#payloadText(event)}]}`;
      this.#texts.set(event, text);
    }
    return text;
  }

  /** The event as hooks see it (parsed once). */
  view(event: OutboxEvent): SyncEvent {
    let view = this.#views.get(event);
    if (view === undefined) {
      const payload = JSON.parse(this.#payloadText(event)) as SyncPayload;
      const message: SyncNotification = [[this.#db, event.model, event.recordId], payload];
      view = Object.freeze({
        cursor: event.cursor,
        channel: event.channel,
        db: this.#db,
        model: event.model,
        id: event.recordId,
        message,
      });
      this.#views.set(event, view);
    }
    return view;
  }

  /** The JSON of a notification a hook replaced, with the event's cursor and channel. */
  textOf(event: OutboxEvent, message: SyncNotification): string {
    const payload = this.#capped(JSON.stringify(message[1]));
    const head = JSON.stringify(message[0]);
    return `{"cursor":"${event.cursor}","channel":${JSON.stringify(event.channel)},"message":[${head},${payload}]}`;
  }

  #payloadText(event: OutboxEvent): string {
    return this.#capped(event.payloadText);
  }

  #capped(payloadText: string): string {
    if (
      payloadText.length * 3 <= this.#maxEventBytes ||
      Buffer.byteLength(payloadText) <= this.#maxEventBytes
    )
      return payloadText;
    const payload = JSON.parse(payloadText) as Record<string, unknown>;
    return JSON.stringify({ ...payload, data: {}, truncated: true });
  }
}

/** The text of an `events` frame. @internal */
export function eventsFrame(texts: readonly string[]): string {
  return `{"type":"events","events":[${texts.join(',')}]}`;
}
