import type { RawData, WebSocket } from 'ws';
import { ProtocolError } from '../errors/protocol-error.js';
import { CLOSE_CODES } from '../protocol/close-codes.js';
import { compareDecimal, parseCursor, type CursorParts } from '../protocol/cursor.js';
import type { ServerFrame, SubscribeFrame } from '../protocol/wire-frames.js';
import { parseClientFrame } from './client-frame-parser.js';
import { eventsFrame } from './event-encoder.js';
import type { OutboxEvent } from './outbox-event.js';
import { RateLimiter } from './rate-limiter.js';
import type { SessionServices } from './session-services.js';

type State = 'new' | 'catching-up' | 'live' | 'closed';

/**
 * One WebSocket connection: its session, channels and position in the stream. Frames are
 * handled one at a time; a subscribe with a cursor catches up from the outbox while live
 * batches wait in order, so the client sees every event once, in commit order. @internal
 */
export class SocketSession<TSession> {
  readonly socket: WebSocket;
  readonly session: TSession;
  readonly connectedAt = Date.now();
  /** Last activity seen from the client (any frame or pong). */
  lastSeenAt = Date.now();
  /** When the unanswered ping was sent, if any. */
  pingSentAt: number | undefined;
  #channels: ReadonlySet<string> = new Set();
  #position: CursorParts = { seq: '0', id: undefined };
  #state: State = 'new';
  #pending: (readonly OutboxEvent[])[] = [];
  #queue: Promise<void> = Promise.resolve();
  #protocolErrors = 0;
  #refused = 0;
  readonly #limiter: RateLimiter;
  readonly #services: SessionServices<TSession>;

  constructor(socket: WebSocket, session: TSession, services: SessionServices<TSession>) {
    this.socket = socket;
    this.session = session;
    this.#services = services;
    this.#limiter = new RateLimiter(services.limits.rateBurst, services.limits.ratePerSecond);
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    socket.on('pong', () => {
      this.lastSeenAt = Date.now();
      this.pingSentAt = undefined;
    });
  }

  /** Channels in force. */
  get channels(): ReadonlySet<string> {
    return this.#channels;
  }

  /** True when live batches go straight out (not catching up, not closed). */
  get live(): boolean {
    return this.#state === 'live';
  }

  /** Sorted channel list, the key of shared frames. */
  channelsKey = '';

  /** True when this session's frames depend only on its channels (no per-session hooks). */
  get sharesFrames(): boolean {
    return this.#services.filterEvent === undefined && this.#services.project === undefined;
  }

  /** True when every event of `batch` is after this session's position. */
  isBefore(batch: readonly OutboxEvent[]): boolean {
    const first = batch[0];
    return first === undefined || this.#after(first);
  }

  /**
   * A batch published by the dispatcher: sent at once (`frame` when the caller shares one),
   * or kept until the catch-up is over.
   */
  receive(batch: readonly OutboxEvent[], frame?: string | Buffer): void {
    if (this.#state === 'closed') return;
    if (this.#state !== 'live') {
      this.#pending.push(batch);
      return;
    }
    const last = batch.at(-1);
    if (frame === undefined) this.#sendEvents(batch);
    else if (frame.length > 0) this.send(frame);
    if (last !== undefined) this.#advance({ seq: last.seq, id: undefined });
  }

  /** The text of the events of `batch` this session gets (`undefined` when none). */
  frameFor(batch: readonly OutboxEvent[]): string | undefined {
    const texts: string[] = [];
    for (const event of batch) {
      if (!this.#channels.has(event.channel) || !this.#after(event)) continue;
      const text = this.#textFor(event);
      if (text !== undefined) texts.push(text);
    }
    return texts.length === 0 ? undefined : eventsFrame(texts);
  }

  /** Send text; a client that does not read is closed with 1013 and catches up later. */
  send(text: string | Buffer): void {
    if (this.#state === 'closed' || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(text, { binary: false });
    if (this.socket.bufferedAmount > this.#services.limits.maxBufferedBytes) {
      this.close(CLOSE_CODES.tryAgainLater, 'client too slow');
    }
  }

  /** Close the connection (idempotent). */
  close(code: number, reason: string): void {
    if (this.#state === 'closed') return;
    this.detach();
    this.socket.close(code, reason);
  }

  /** Forget channels and pending batches: the socket is gone. */
  detach(): void {
    if (this.#state === 'closed') return;
    const before = this.#channels;
    this.#state = 'closed';
    this.#channels = new Set();
    this.#pending = [];
    this.#services.channelsChanged(this, before, this.#channels);
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    this.lastSeenAt = Date.now();
    if (this.#state === 'closed') return;
    if (!this.#limiter.take()) {
      this.#refused++;
      if (this.#refused === 1)
        this.#sendFrame({
          type: 'error',
          code: 'rate_limited',
          message: 'Too many frames: this one was dropped.',
        });
      if (this.#refused >= this.#services.limits.maxRefusedFrames)
        this.close(CLOSE_CODES.policyViolation, 'flood');
      return;
    }
    this.#refused = 0;
    try {
      if (isBinary) throw new ProtocolError('bad_frame', 'Frames must be text (JSON).');
      const frame = parseClientFrame(rawText(data), this.#services.limits.maxChannels);
      if (frame.type === 'ping') this.#sendFrame({ type: 'pong' });
      else this.#enqueue(() => this.#subscribe(frame));
    } catch (error) {
      if (error instanceof ProtocolError) this.#protocolError(error);
      else {
        this.#services.onError(error);
        this.close(CLOSE_CODES.internalError, 'server error');
      }
    }
  }

  #protocolError(error: ProtocolError): void {
    this.#sendFrame({ type: 'error', code: error.code, message: error.message });
    if (++this.#protocolErrors >= this.#services.limits.maxProtocolErrors)
      this.close(CLOSE_CODES.policyViolation, 'too many protocol errors');
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue.then(task).catch((error: unknown) => {
      this.#services.onError(error);
      this.close(CLOSE_CODES.tryAgainLater, 'server error');
    });
  }

  async #subscribe(frame: SubscribeFrame): Promise<void> {
    if (this.#state === 'closed') return;
    const { allowed, denied } = await this.#services.gate.decide(this.session, frame.channels);
    if (this.#closed()) return;
    const first = this.#state === 'new';
    this.#setChannels(allowed);
    if (first) await this.#start(frame.cursor ?? null);
    this.#sendFrame({
      type: 'subscribed',
      channels: allowed,
      denied,
      cursor: formatPosition(this.#position),
    });
  }

  #setChannels(channels: readonly string[]): void {
    const before = this.#channels;
    this.#channels = new Set(channels);
    this.channelsKey = [...this.#channels].sort().join('\n');
    this.#services.channelsChanged(this, before, this.#channels);
  }

  /** First subscription: from the head, or catch up from the client's cursor. */
  async #start(cursor: string | null): Promise<void> {
    const head = this.#services.delivered();
    this.#state = 'catching-up';
    if (cursor === null) this.#position = { seq: head, id: undefined };
    else {
      this.#position = parseCursor(cursor);
      await this.#catchUp(head);
      if (this.#closed()) return;
    }
    this.#state = 'live';
    const pending = this.#pending;
    this.#pending = [];
    for (const batch of pending) this.receive(batch);
  }

  async #catchUp(head: string): Promise<void> {
    const { reader, pageSize } = this.#services;
    const reason = await this.#resyncReason(head);
    if (reason !== undefined) {
      this.#sendFrame({ type: 'resync', channels: [...this.#channels], reason, cursor: head });
      this.#position = { seq: head, id: undefined };
      return;
    }
    for (;;) {
      const events = await reader.catchUp(this.#position, head, [...this.#channels], pageSize);
      if (this.#state === 'closed') return;
      this.#sendEvents(events);
      const last = events.at(-1);
      if (last !== undefined) this.#position = { seq: last.seq, id: last.id };
      if (events.length < pageSize) break;
    }
    this.#advance({ seq: head, id: undefined });
  }

  async #resyncReason(head: string): Promise<'cursor_expired' | 'cursor_unknown' | undefined> {
    const { seq, id } = this.#position;
    if (
      compareDecimal(seq, head) > 0 &&
      compareDecimal(seq, await this.#services.reader.lastAssignedSeq()) > 0
    )
      return 'cursor_unknown';
    const watermark = await this.#services.reader.watermark();
    const order = compareDecimal(seq, watermark);
    return order < 0 || (order === 0 && id !== undefined) ? 'cursor_expired' : undefined;
  }

  #sendEvents(events: readonly OutboxEvent[]): void {
    const texts: string[] = [];
    for (const event of events) {
      if (!this.#channels.has(event.channel) || !this.#after(event)) continue;
      const text = this.#textFor(event);
      if (text !== undefined) texts.push(text);
    }
    if (texts.length > 0) this.send(eventsFrame(texts));
    const last = events.at(-1);
    if (last !== undefined) this.#advance({ seq: last.seq, id: last.id });
  }

  #textFor(event: OutboxEvent): string | undefined {
    const { encoder, filterEvent, project } = this.#services;
    if (filterEvent === undefined && project === undefined) return encoder.text(event);
    try {
      const view = encoder.view(event);
      if (filterEvent !== undefined && !filterEvent(this.session, view)) return undefined;
      return project === undefined
        ? encoder.text(event)
        : encoder.textOf(event, project(this.session, view));
    } catch (error) {
      this.#services.onError(error);
      return undefined;
    }
  }

  #after(event: OutboxEvent): boolean {
    const bySeq = compareDecimal(event.seq, this.#position.seq);
    if (bySeq !== 0) return bySeq > 0;
    return this.#position.id !== undefined && compareDecimal(event.id, this.#position.id) > 0;
  }

  #advance(to: CursorParts): void {
    const bySeq = compareDecimal(to.seq, this.#position.seq);
    if (
      bySeq > 0 ||
      (bySeq === 0 &&
        this.#position.id !== undefined &&
        (to.id === undefined || compareDecimal(to.id, this.#position.id) > 0))
    ) {
      this.#position = to;
    }
  }

  /** Read through a method: the state may change across an await. */
  #closed(): boolean {
    return this.#state === 'closed';
  }

  #sendFrame(frame: ServerFrame): void {
    this.send(JSON.stringify(frame));
  }
}

function formatPosition(position: CursorParts): string {
  return position.id === undefined ? position.seq : `${position.seq}:${position.id}`;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
