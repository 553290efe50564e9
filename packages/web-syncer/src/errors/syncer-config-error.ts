import { WebSyncerError } from './web-syncer-error.js';

/**
 * The `webSyncer` options of an addon, or the models they name, are inconsistent: a related
 * path through a field that is not a many2one, inverse names that are not fields, and so on.
 */
export class SyncerConfigError extends WebSyncerError {
  /** The model concerned. */
  readonly model: string;
  /** The field (or dotted path) concerned. */
  readonly field: string;
  /** The addon whose options are wrong, when known. */
  readonly addon: string | undefined;

  constructor(model: string, field: string, reason: string, addon?: string) {
    super(
      `web-syncer: ${model}.${field}: ${reason}${addon === undefined ? '' : ` (addon '${addon}')`}.`,
    );
    this.model = model;
    this.field = field;
    this.addon = addon;
  }
}
