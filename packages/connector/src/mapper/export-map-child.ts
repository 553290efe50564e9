import { defineComponent, type ComponentDefinition } from '@bindery/component';
import { MapChild, type ItemMapper, type MapChildComponent } from './map-child.js';

/**
 * `'base.map.child.export'` (usage `export.map.child`, abstract): items mapped with the item
 * model's `export.mapper`, returned as a list of payloads.
 */
export const ExportMapChild: ComponentDefinition<MapChildComponent> = defineComponent(
  { name: 'base.map.child.export', inherit: MapChild, usage: 'export.map.child', abstract: true },
  (Base) =>
    class extends Base {
      override childMapper(): ItemMapper {
        return this.component({ usage: 'export.mapper' });
      }
    },
);
