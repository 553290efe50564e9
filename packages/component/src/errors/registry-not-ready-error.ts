import { ComponentError } from './component-error.js';

/** A component registry was used before it was built, or no registry exists for a key. */
export class RegistryNotReadyError extends ComponentError {
  /** The registry (or tenant / database) key that was asked for. */
  readonly registryKey: string;

  constructor(registryKey: string, detail = 'it has not been built yet') {
    super(`Component registry '${registryKey}' is not ready: ${detail}.`);
    this.registryKey = registryKey;
  }
}
