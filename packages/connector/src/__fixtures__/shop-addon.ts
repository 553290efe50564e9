import { defineAddon, type Addon, type ComponentDefinition } from '@bindery/component';
import { defineBackend } from '../backend/backend-definition.js';
import { connectorAddon } from '../connector-addon.js';
import { FakeBackendApi } from '../test/fake-backend-api.js';
import { shopComponents } from './shop-components.js';
import {
  bindingModels,
  Category,
  Order,
  OrderLine,
  Product,
  ShopBackendModel,
  shopMigrations,
} from './shop-models.js';

const apis = new Map<string, FakeBackendApi>();

/** The fake shop API of a backend location (one per location, created on first use). */
export function shopApi(location: string): FakeBackendApi {
  let api = apis.get(location);
  if (api === undefined) {
    api = new FakeBackendApi();
    apis.set(location, api);
  }
  return api;
}

/** How many times the shop backend's resources were built. */
export const resourceBuilds = { count: 0 };

export const ShopBackend = defineBackend({
  model: 'shop.backend',
  resources: (backend) => {
    resourceBuilds.count++;
    return { api: shopApi(String(backend.record['location'])) };
  },
});

/** The shop connector addon of the tests. */
export const shopConnectorAddon: Addon = defineAddon({
  name: 'connector-shop',
  depends: [connectorAddon],
  models: [ShopBackendModel, Category, Product, Order, OrderLine, ...bindingModels],
  backends: [ShopBackend],
  migrations: shopMigrations,
  components: shopComponents,
});

/** The shop connector addon, plus an addon of extra components when given. */
export function shopAddon(extra: readonly ComponentDefinition[] = []): Addon {
  if (extra.length === 0) return shopConnectorAddon;
  return defineAddon({
    name: 'connector-shop-test',
    depends: [shopConnectorAddon],
    components: extra,
  });
}
