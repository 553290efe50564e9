// The component tour of the README of @bindery/component, as a consumer writes it: importing the
// published package, registering types by module augmentation, extending a component by name.
import {
  defineAddon,
  defineComponent,
  extendComponent,
  type ComponentInstance,
} from '@bindery/component';

// --- what a "connector" package would ship ------------------------------------------------
export const Binder = defineComponent(
  { name: 'base.binder', usage: 'binder', abstract: true },
  (Base) =>
    class extends Base {
      externalKey(id: string): string {
        return `${this.collection.name}:${this.modelName}:${id}`;
      }
    },
);
export const connectorAddon = defineAddon({ name: 'connector', components: [Binder] });

/** The binder's type, open to extension by other packages. */
export interface BinderComponent extends ComponentInstance<typeof Binder> {}
declare module '@bindery/component' {
  interface ComponentsByName {
    'base.binder': BinderComponent;
  }
  interface ComponentsByUsage {
    binder: BinderComponent;
  }
}

// --- what a "shop-connector" package would ship -------------------------------------------
export const ShopBinder = defineComponent(
  { name: 'shop.binder', inherit: 'base.binder', collection: 'shop.backend' },
  (Base) => class extends Base {},
);
export const UpperCaseKeys = extendComponent(
  'base.binder',
  (Base) =>
    class extends Base {
      override externalKey(id: string): string {
        return super.externalKey(id).toUpperCase();
      }
    },
);
export const shopAddon = defineAddon({
  name: 'shop-connector',
  depends: [connectorAddon],
  components: [ShopBinder, UpperCaseKeys],
});
