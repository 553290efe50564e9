import { ComponentError } from './component-error.js';

/** Why a set of addons cannot be ordered. */
export type AddonErrorCode =
  | 'unknown-addon'
  | 'dependency-cycle'
  | 'duplicate-addon'
  | 'invalid-addon';

/** The addons given to a registry cannot be resolved into a dependency order. */
export class AddonError extends ComponentError {
  readonly code: AddonErrorCode;
  /** The addons involved: the unknown name, the cycle (first name repeated last), or the duplicate. */
  readonly addons: readonly string[];

  constructor(code: AddonErrorCode, addons: readonly string[], message: string) {
    super(message);
    this.code = code;
    this.addons = Object.freeze([...addons]);
  }
}
