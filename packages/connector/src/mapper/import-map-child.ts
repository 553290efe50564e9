import { defineComponent, type ComponentDefinition } from '@bindery/component';
import { ChildCommands } from './child-commands.js';
import {
  MapChild,
  type ChildItemsContext,
  type ItemMapper,
  type MapChildComponent,
} from './map-child.js';
import type { MappedValues, MaybePromise } from './mapper-types.js';

/**
 * `'base.map.child.import'` (usage `import.map.child`, abstract): items mapped with the item
 * model's `import.mapper`, formatted as {@link ChildCommands} that create every line. Re-importing
 * a record therefore adds its lines again (upstream's documented limitation); opt in to
 * `'base.map.child.import.sync'` to update and delete existing lines instead.
 */
export const ImportMapChild: ComponentDefinition<MapChildComponent> = defineComponent(
  { name: 'base.map.child.import', inherit: MapChild, usage: 'import.map.child', abstract: true },
  (Base) =>
    class extends Base {
      override childMapper(): ItemMapper {
        return this.component({ usage: 'import.mapper' });
      }

      override formatItems(
        itemsValues: MappedValues[],
        _context: ChildItemsContext,
      ): MaybePromise<unknown> {
        return ChildCommands.createAll(itemsValues);
      }
    },
);
