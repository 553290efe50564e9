import type { RecordId } from '@bindery/model';

type Remembered = Map<string, Readonly<Record<string, unknown>>>;

const memories = new WeakMap<object, Remembered>();

/**
 * What the listener saw of parent pointers earlier in the same transaction, keyed by the
 * transaction's Kysely handle: the values of a record's inverse fields after its last create or
 * write. A later write that moves the record to another parent tells the previous one
 * (st. 20). Forgotten with the transaction object. @internal
 */
export const transactionMemory = {
  recall(
    transaction: object,
    model: string,
    id: RecordId,
  ): Readonly<Record<string, unknown>> | undefined {
    return memories.get(transaction)?.get(`${model}\u0000${String(id)}`);
  },
  remember(
    transaction: object,
    model: string,
    id: RecordId,
    values: Readonly<Record<string, unknown>>,
  ): void {
    let remembered = memories.get(transaction);
    if (remembered === undefined) {
      remembered = new Map();
      memories.set(transaction, remembered);
    }
    remembered.set(`${model}\u0000${String(id)}`, values);
  },
  forget(transaction: object, model: string, id: RecordId): void {
    memories.get(transaction)?.delete(`${model}\u0000${String(id)}`);
  },
};
