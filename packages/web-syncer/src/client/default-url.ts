import { SyncerOptionsError } from '../errors/syncer-options-error.js';

/** The endpoint next to the current page (`ws(s)://<host>/web_syncer`), for browsers. @internal */
export function defaultUrl(path = '/web_syncer'): string {
  const location = (globalThis as { location?: { protocol?: string; host?: string } }).location;
  if (location?.host === undefined || location.host === '') {
    throw new SyncerOptionsError(
      'url',
      'the WebSocket URL of the server (no page location to derive it from)',
    );
  }
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}
