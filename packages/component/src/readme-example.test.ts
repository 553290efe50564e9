// The example of README.md, run as a test so that it stays true.
import { describe, expect, it } from 'vitest';
import {
  buildRegistry,
  defineAddon,
  defineComponent,
  extendComponent,
  WorkContext,
} from './index.js';

describe('README example', () => {
  it('extends another package component by name, seen by a component declared earlier', () => {
    const Binder = defineComponent(
      { name: 'base.binder', usage: 'binder', abstract: true },
      (Base) =>
        class extends Base {
          externalKey(id: string): string {
            return `${this.collection.name}:${this.modelName}:${id}`;
          }
        },
    );
    const connectorAddon = defineAddon({ name: 'connector', components: [Binder] });
    const ShopBinder = defineComponent(
      { name: 'shop.binder', inherit: Binder, collection: 'shop.backend' },
      (Base) => class extends Base {},
    );
    const UpperCaseKeys = extendComponent(
      Binder,
      (Base) =>
        class extends Base {
          override externalKey(id: string): string {
            return super.externalKey(id).toUpperCase();
          }
        },
    );
    const shopAddon = defineAddon({
      name: 'shop-connector',
      depends: [connectorAddon],
      components: [ShopBinder, UpperCaseKeys],
    });

    const registry = buildRegistry([shopAddon]);
    const backend = { name: 'shop.backend', env: { user: 'admin' } };
    const work = new WorkContext({ registry, collection: backend, modelName: 'shop.product' });
    const binder = work.component({ usage: 'binder' }) as InstanceType<
      ReturnType<typeof ShopBinder.layer>
    > & {
      externalKey(id: string): string;
    };
    expect(binder.componentName).toBe('shop.binder');
    expect(binder.externalKey('42')).toBe('SHOP.BACKEND:SHOP.PRODUCT:42');
  });
});
