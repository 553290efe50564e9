import type { FieldDefinition, ResolvedModel } from '@bindery/model';

/** A related value: `key` of `data`, reached from the root many2one through `path`. */
export interface RelatedValue {
  readonly key: string;
  /** Each hop: the model and the field read on it (every field but the last is a many2one). */
  readonly hops: readonly {
    readonly model: ResolvedModel;
    readonly field: string;
    readonly definition: FieldDefinition;
  }[];
}

/** A parent told when a child of this model changes (the original's `_syncer_satellites`). */
export type Satellite = OneToManySatellite | ManyToManySatellite;

/** The parent has a one2many `field` on this model through `inverses`. */
export interface OneToManySatellite {
  readonly kind: 'one2many';
  readonly parent: ResolvedModel;
  readonly field: string;
  /** The child fields that point to parents to tell (the field's inverse, or `inverseNames`). */
  readonly inverses: readonly string[];
  /** The child field that makes a child belong to the parent's list (the field's own inverse). */
  readonly membership: string;
  /** `res_id` + `res_model` / `model` on the child instead of a many2one (attachments). */
  readonly fake: { readonly modelField: string } | undefined;
}

/** The parent has a many2many `field` on this model (and this model exactly one back). */
export interface ManyToManySatellite {
  readonly kind: 'many2many';
  readonly parent: ResolvedModel;
  readonly field: string;
  readonly relation: { readonly table: string; readonly column1: string; readonly column2: string };
}

/** What the web-syncer knows of one model. */
export interface SyncModelInfo {
  readonly model: ResolvedModel;
  /** Emits its own notifications (`implementsSyncer`). */
  readonly syncable: boolean;
  /** Related values by root field. */
  readonly relatedByRoot: ReadonlyMap<string, readonly RelatedValue[]>;
  /** Parents to tell when a record of this model changes. */
  readonly satellites: readonly Satellite[];
  /**
   * Fields of this model that point to a parent (one2many inverses, and `res_model` / `model` of
   * `res_id` children): remembered for re-parenting.
   */
  readonly inverseFields: readonly string[];
  /**
   * The record's own row and its parents' rows can be upserted in one statement: no two of them
   * can be the same outbox row (each source is another model).
   */
  readonly singleStatement: boolean;
}
