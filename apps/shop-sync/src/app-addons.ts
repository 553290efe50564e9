import type { Addon } from '@bindery/component';
import { catalogAddon } from './catalog-addon.ts';

/** Every addon the reference app installs; registries and migrations are built from this list. */
export const appAddons: readonly Addon[] = [catalogAddon];
