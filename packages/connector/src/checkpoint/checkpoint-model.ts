import { defineModel, field, type ModelDefinition, type RecordId } from '@bindery/model';

/** Review state of a checkpoint. */
export type CheckpointState = 'need_review' | 'reviewed';

/** A checkpoint row. */
export interface CheckpointRow {
  readonly id: RecordId;
  /** The model of the record to review. */
  readonly model: string;
  readonly record_id: RecordId;
  /** The backend the record was imported from. */
  readonly backend_model: string;
  readonly backend_id: RecordId;
  readonly state: CheckpointState;
  readonly message: string | null;
  readonly company_id: string | null;
  readonly created_at: Date;
  readonly reviewed_at: Date | null;
  readonly reviewed_by: string | null;
}

/** The model name of checkpoints. */
export const CHECKPOINT_MODEL = 'connector.checkpoint';

/**
 * `connector.checkpoint`: the review queue of imported records that need a human look (upstream
 * checkpoints, removed from Odoo 14; here an optional review queue). Creating one fires
 * `onRecordCreate`, so a listener can notify the people who review.
 */
export const CheckpointModel: ModelDefinition = defineModel({
  name: CHECKPOINT_MODEL,
  description: 'Connector checkpoint',
  recordName: 'message',
  fields: {
    model: field.text({ required: true, label: 'Model' }),
    record_id: field.integer({ required: true, label: 'Record' }),
    backend_model: field.text({ required: true, label: 'Backend model' }),
    backend_id: field.integer({ required: true, label: 'Imported from' }),
    state: field.text({ required: true, label: 'State' }),
    message: field.text({ label: 'Message' }),
    company_id: field.text({ label: 'Company' }),
    created_at: field.datetime({ label: 'Created on' }),
    reviewed_at: field.datetime({ label: 'Reviewed on' }),
    reviewed_by: field.text({ label: 'Reviewed by' }),
  },
});
