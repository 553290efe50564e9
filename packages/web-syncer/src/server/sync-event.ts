import type { Cursor } from '../protocol/cursor.js';
import type { SyncNotification, SyncRecordId } from '../protocol/notification.js';

/** An event as the server's hooks (`filterEvent`, `project`) see it. */
export interface SyncEvent {
  readonly cursor: Cursor;
  readonly channel: string;
  readonly db: string;
  readonly model: string;
  readonly id: SyncRecordId;
  /** The notification as it would be sent: `[[db, model, id], payload]`. */
  readonly message: SyncNotification;
}
