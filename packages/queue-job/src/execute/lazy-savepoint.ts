import { CompiledQuery, Transaction, type ConnectionProvider, type KyselyProps } from 'kysely';

/** Whether a job of a batch touched the database (and so took its savepoint). @internal */
export interface SavepointState {
  pending: boolean;
  taken: boolean;
}

/** The savepoint each job of a batch rolls back to when it fails. @internal */
export const BATCH_SAVEPOINT = 'queue_job_batch';

/**
 * The batch transaction as one job sees it: its first statement is preceded by a savepoint, so a
 * job that never touches the database costs no round trip, and one that fails is rolled back
 * alone. Built on Kysely's executor (`getExecutor`, `withConnectionProvider`). @internal
 */
export function lazySavepointTransaction<TDatabase>(
  trx: Transaction<TDatabase>,
  state: SavepointState,
): Transaction<TDatabase> {
  const executor = trx.getExecutor();
  const provider: ConnectionProvider = {
    provideConnection: (consumer) =>
      executor.provideConnection(async (connection) => {
        if (state.pending) {
          state.pending = false;
          await connection.executeQuery(CompiledQuery.raw(`savepoint ${BATCH_SAVEPOINT}`));
          state.taken = true;
        }
        return consumer(connection);
      }),
  };
  // Only the executor of these props is used by a transaction's queries.
  const props = {
    config: {},
    driver: {},
    dialect: {},
    executor: executor.withConnectionProvider(provider),
  } as unknown as KyselyProps;
  return new Transaction<TDatabase>(props);
}
