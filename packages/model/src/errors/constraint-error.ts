import { ModelError } from './model-error.js';

/** Which database constraint a write violated. */
export type ConstraintKind = 'unique' | 'foreign-key' | 'not-null' | 'check' | 'exclusion';

/** Details of a constraint violation, as far as PostgreSQL reports them. */
export interface ConstraintViolation {
  readonly kind: ConstraintKind;
  readonly model: string;
  /** The first column involved, when known. */
  readonly field: string | undefined;
  /** Every column involved (a unique constraint may span several). */
  readonly fields: readonly string[];
  /** The offending value(s) as PostgreSQL printed them, when known. */
  readonly value: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
}

/**
 * A write violated a database constraint (unique, foreign key, not null, check). The statement
 * failed, and the surrounding transaction rolls back. The PostgreSQL error is the `cause`.
 */
export class ConstraintError extends ModelError {
  readonly kind: ConstraintKind;
  readonly model: string;
  readonly field: string | undefined;
  readonly fields: readonly string[];
  readonly value: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;

  constructor(violation: ConstraintViolation, message: string, cause: unknown) {
    super(message, { cause });
    this.kind = violation.kind;
    this.model = violation.model;
    this.field = violation.field;
    this.fields = Object.freeze([...violation.fields]);
    this.value = violation.value;
    this.constraint = violation.constraint;
    this.table = violation.table;
  }
}
