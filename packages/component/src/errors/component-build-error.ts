import { ComponentError } from './component-error.js';

/** Why a registry build failed. */
export type ComponentBuildErrorCode =
  | 'missing-name'
  | 'invalid-declaration'
  | 'duplicate-name'
  | 'unknown-component'
  | 'unknown-parent'
  | 'abstract-inherits-concrete'
  | 'abstract-made-concrete'
  | 'inconsistent-hierarchy'
  | 'invalid-layer'
  | 'registry-frozen';

/** A component declaration is invalid; raised while building a registry, naming the culprit. */
export class ComponentBuildError extends ComponentError {
  readonly code: ComponentBuildErrorCode;
  /** The component (or, for a nameless declaration, its `inherit` list) at fault. */
  readonly component: string;
  /** The addon that declared it, when known. */
  readonly addon: string | undefined;

  constructor(
    code: ComponentBuildErrorCode,
    component: string,
    message: string,
    options?: { addon?: string | undefined; cause?: unknown },
  ) {
    const where = options?.addon === undefined ? '' : ` (declared in addon '${options.addon}')`;
    super(
      `${message}${where}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.component = component;
    this.addon = options?.addon;
  }
}
