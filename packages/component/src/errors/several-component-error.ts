import { ComponentError } from './component-error.js';
import type { ComponentQueryDescription } from './no-component-error.js';

/** A lookup that must return one component found several equally specific ones. */
export class SeveralComponentError extends ComponentError {
  readonly query: ComponentQueryDescription;
  /** Names of the tied candidates, in registry order. Never empty. */
  readonly candidates: readonly string[];

  constructor(query: ComponentQueryDescription, candidates: readonly string[]) {
    super(
      `Several components found for collection '${String(query.collection)}', usage ` +
        `'${String(query.usage)}', model '${String(query.modelName)}': ` +
        `${candidates.join(', ')}. Make one of them more specific (collection or applyOn), ` +
        `or filter them with componentMatch.`,
    );
    this.query = query;
    this.candidates = Object.freeze([...candidates]);
  }
}
