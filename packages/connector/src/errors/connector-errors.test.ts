import { JobError, RetryableJobError } from '@bindery/queue-job';
import { describe, expect, it } from 'vitest';
import { AdvisoryLockError } from './advisory-lock-error.js';
import { ConcurrentCreateError } from './concurrent-create-error.js';
import { ConnectorConfigError } from './connector-config-error.js';
import { ConnectorError } from './connector-error.js';
import { describeValue } from './describe-value.js';
import { IDMissingInBackendError } from './id-missing-in-backend-error.js';
import { InvalidDataError } from './invalid-data-error.js';
import { InvalidExternalIdError } from './invalid-external-id-error.js';
import { ManyIDsInBackendError } from './many-ids-in-backend-error.js';
import { MappingError } from './mapping-error.js';
import { NetworkRetryableError } from './network-retryable-error.js';
import { NoExternalIdError } from './no-external-id-error.js';
import { RecordLockedError } from './record-locked-error.js';

describe('the connector error family', () => {
  const plain = [
    new InvalidDataError({ model: 'm', externalId: '7', field: 'f', reason: 'bad' }),
    new MappingError({ code: 'invalid-value', model: 'm', field: 'f', value: 1, message: 'no' }),
    new IDMissingInBackendError('products', 12),
    new ManyIDsInBackendError('products', 'sku=A', [1, 2]),
    new InvalidExternalIdError('m', ''),
    new ConnectorConfigError('mapper', 'no mapper'),
  ];
  const retryable = [
    new NetworkRetryableError('timeout', { seconds: 30 }),
    new NoExternalIdError({ model: 'm', recordId: 3, seconds: 5 }),
    new RecordLockedError({ model: 'm', ids: [1], during: 'export' }),
    new AdvisoryLockError('lock', 2),
    new ConcurrentCreateError({ model: 'm', constraint: 'c', cause: new Error('dup') }),
  ];

  it('are all ConnectorErrors, by marker and by instanceof, named after their class', () => {
    for (const error of [...plain, ...retryable]) {
      expect(ConnectorError.isInstance(error)).toBe(true);
      expect(error instanceof ConnectorError).toBe(true);
      expect(error.name).toBe(error.constructor.name);
    }
    expect(ConnectorError.isInstance(new Error('x'))).toBe(false);
    expect(new Error('x') instanceof ConnectorError).toBe(false);
    expect(plain[0] instanceof MappingError).toBe(false);
  });

  it('make jobs retry when retryable, and only then', () => {
    for (const error of retryable) {
      expect(RetryableJobError.isInstance(error)).toBe(true);
      expect(JobError.isInstance(error)).toBe(true);
    }
    for (const error of plain) expect(RetryableJobError.isInstance(error)).toBe(false);
    expect(retryable[0]).toMatchObject({ seconds: 30, ignoreRetry: false });
    expect(retryable[3]).toMatchObject({ seconds: 2, ignoreRetry: true });
  });

  it('carry structured fields', () => {
    expect(plain[0]).toMatchObject({ model: 'm', externalId: '7', field: 'f', reason: 'bad' });
    expect(plain[0]?.message).toBe('Data Invalid for m (external id 7): bad');
    expect(plain[2]).toMatchObject({ model: 'products', externalId: '12' });
    expect(plain[3]).toMatchObject({ key: 'sku=A', externalIds: ['1', '2'] });
    expect(retryable[1]).toMatchObject({ model: 'm', recordId: 3 });
    expect(retryable[4]?.message).toContain(
      'Likely due to 2 concurrent jobs wanting to create the same record',
    );
    expect((retryable[4] as Error).cause).toBeInstanceOf(Error);
  });

  it('describe values safely in messages', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(describeValue(cycle)).toBe('object');
    expect(describeValue(1n)).toBe('1n');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
  });
});
