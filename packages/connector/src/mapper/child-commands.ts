import type { RecordId } from '@bindery/model';
import type { ExternalIdInput } from '../binding/binding-row.js';
import type { MappedValues } from './mapper-types.js';

const marker = Symbol.for('@bindery/connector.child-commands');

/** A child line to create; with `externalId`, a binding of `bindingModel` is created for it. */
export interface ChildCreate {
  readonly values: MappedValues;
  readonly externalId?: ExternalIdInput | undefined;
}

/** An existing child line to write. */
export interface ChildUpdate {
  /** The local line's id. */
  readonly id: RecordId;
  readonly values: MappedValues;
}

/** The parts of {@link ChildCommands}. */
export interface ChildCommandsInit {
  readonly create?: readonly ChildCreate[];
  readonly update?: readonly ChildUpdate[];
  /** Local line ids to delete. */
  readonly delete?: readonly RecordId[];
  /** The binding model of the lines, for creations with an external id. */
  readonly bindingModel?: string | undefined;
}

/**
 * What an import map child produces for a one2many target field: lines to create, update and
 * delete (the neutral form of upstream's `(0, 0, values)` commands). The importer applies them
 * after writing the parent, setting the one2many's inverse field to the parent.
 */
export class ChildCommands {
  /** @internal */
  readonly [marker] = true;
  readonly create: readonly ChildCreate[];
  readonly update: readonly ChildUpdate[];
  readonly delete: readonly RecordId[];
  readonly bindingModel: string | undefined;

  constructor(init: ChildCommandsInit) {
    this.create = Object.freeze([...(init.create ?? [])]);
    this.update = Object.freeze([...(init.update ?? [])]);
    this.delete = Object.freeze([...(init.delete ?? [])]);
    this.bindingModel = init.bindingModel;
    Object.freeze(this);
  }

  /** Commands that only create lines with these values (the default import strategy). */
  static createAll(values: readonly MappedValues[]): ChildCommands {
    return new ChildCommands({ create: values.map((item) => ({ values: item })) });
  }

  /** True for child commands, whichever copy of the package made them. */
  static isInstance(value: unknown): value is ChildCommands {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
