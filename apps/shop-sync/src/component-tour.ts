import { buildRegistry, WorkContext } from '@bindery/component';
import { shopAddon } from './shop-components.ts';

/** What the tour shows, returned so that a test can check it. */
export interface TourResult {
  readonly addons: readonly string[];
  readonly components: readonly string[];
  readonly binder: string;
  readonly externalKey: string;
  readonly layers: readonly string[];
}

/** Build a registry from the shop addon and look its binder up, as a connector would. */
export function componentTour(): TourResult {
  const registry = buildRegistry([shopAddon], { key: 'shop-sync' });
  const backend = { name: 'shop.backend', env: { user: 'admin' } };
  const work = new WorkContext({ registry, collection: backend, modelName: 'shop.product' });
  const binder = work.component({ usage: 'binder' });
  const info = registry.info(binder.componentName);
  return {
    addons: registry.addons.map((addon) => addon.name),
    components: registry.names(),
    binder: binder.componentName,
    externalKey: binder.externalKey('42'),
    layers: (info?.layers ?? []).map(
      (layer) => `${layer.component} (${layer.kind}, addon ${layer.addon})`,
    ),
  };
}
