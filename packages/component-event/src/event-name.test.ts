import { describe, expect, it } from 'vitest';
import { InvalidEventNameError } from './errors/invalid-event-name-error.js';
import { assertEventName, isEventName } from './event-name.js';

describe('event names', () => {
  it.each(['onRecordCreate', 'onX', 'onOrderPaid2', 'onA_b'])('accepts %s', (name) => {
    expect(isEventName(name)).toBe(true);
    expect(() => assertEventName(name)).not.toThrow();
  });

  it.each([
    'on_record_create',
    'onrecord',
    'on',
    'OnRecord',
    'recordCreate',
    'onRecord-Create',
    ' onRecord',
    '',
  ])('rejects %j', (name) => {
    expect(isEventName(name)).toBe(false);
    expect(() => assertEventName(name)).toThrow(InvalidEventNameError);
  });

  it('rejects non-strings, naming the value and the addon', () => {
    expect(isEventName(42)).toBe(false);
    expect(() => assertEventName(undefined, { addon: 'shop' })).toThrow(
      "Invalid event name 'undefined' (declared in addon 'shop')",
    );
  });
});
