import { describe, expectTypeOf, it } from 'vitest';
import WebSocket from 'ws';
import type { SyncMethod, SyncNotification } from '../protocol/notification.js';
import { Syncer } from './syncer.js';
import type { ChannelModel } from './typed-channels.js';
import type { WebSocketConstructor } from './websocket-like.js';

declare module './typed-channels.js' {
  interface SyncedRecords {
    'project.task': { id: number; name: string; stage_id: readonly [number, string] | false };
  }
}

describe('typed notifications', () => {
  it('types data by the model of the channel, with an open fallback', () => {
    const sync = new Syncer({ url: 'ws://localhost/web_syncer' });
    sync.subscribe('mydb:project.task', (notification) => {
      expectTypeOf(notification[0][2]).toEqualTypeOf<string | number>();
      expectTypeOf(notification[1].method).toEqualTypeOf<SyncMethod>();
      expectTypeOf(notification[1].data.name).toEqualTypeOf<string | undefined>();
      expectTypeOf(notification[1].data.stage_id).toEqualTypeOf<
        readonly [number, string] | false | undefined
      >();
    });
    sync.subscribe('mydb:res.partner', (notification) => {
      expectTypeOf(notification).toEqualTypeOf<SyncNotification>();
      expectTypeOf(notification[1].data).toEqualTypeOf<Readonly<Record<string, unknown>>>();
    });
    expectTypeOf<ChannelModel<'db:sale.order'>>().toEqualTypeOf<'sale.order'>();
  });

  it('binds thisArg and refuses a non-function callback', () => {
    const sync = new Syncer({ url: 'ws://localhost/web_syncer' });
    sync.subscribe(
      'db:x.y',
      function (this: { widget: string }) {
        expectTypeOf(this.widget).toEqualTypeOf<string>();
      },
      { widget: 'w' },
    );
    // @ts-expect-error a callback is required
    sync.subscribe('db:x.y', 42);
  });

  it('accepts the WebSocket of ws and the global one', () => {
    expectTypeOf(WebSocket).toExtend<WebSocketConstructor>();
    expectTypeOf(globalThis.WebSocket).toExtend<WebSocketConstructor>();
  });
});
