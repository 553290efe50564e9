import { defineComponent, type ComponentDefinition } from '@bindery/component';
import { BaseConnector, type ConnectorComponent } from '../core/base-connector-component.js';
import { NotImplementedError } from '../errors/not-implemented-error.js';
import type { MapRecord } from './map-record.js';
import type { MapOptions, MappedValues, MaybePromise, SourceRecord } from './mapper-types.js';
import { isEmpty, isThenable } from './source-values.js';

/** The mapper of the items: what a map child needs from it. */
export interface ItemMapper {
  mapRecord(record: SourceRecord, parent?: MapRecord): MapRecord;
}

/** The instance type of {@link MapChild}. */
export interface MapChildComponent extends ConnectorComponent {
  /** The mapper of the items (the work model is the item model). */
  childMapper(): ItemMapper;
  /** The item mapper, looked up once per map child. */
  itemMapper: ItemMapper | undefined;
  /** Return true to drop an item. */
  skipItem(mapRecord: MapRecord): MaybePromise<boolean>;
  /** The values of one item; an empty result (`{}`, `null`) drops it. */
  getItemValues(
    mapRecord: MapRecord,
    toAttr: string,
    options: MapOptions,
  ): MaybePromise<MappedValues | null | undefined>;
  /** Shape the list of item values for the target field. */
  formatItems(itemsValues: MappedValues[], context: ChildItemsContext): MaybePromise<unknown>;
  /** Map the items of a child mapping. */
  getItems(
    items: readonly SourceRecord[],
    parent: MapRecord,
    toAttr: string,
    options: MapOptions,
  ): Promise<unknown>;
}

/** What `formatItems` may need besides the values. */
export interface ChildItemsContext {
  readonly parent: MapRecord;
  readonly toAttr: string;
  readonly options: MapOptions;
  /** The item map records, in the order of the values. */
  readonly records: readonly MapRecord[];
}

/**
 * `'base.map.child'` (abstract): maps the items of a child mapping with the item model's mapper
 * (upstream `MapChild`). For each item in order: `childMapper().mapRecord(item, parent)`,
 * `skipItem`, `getItemValues` (empty values drop the item), then `formatItems` over the list.
 * The parent's options are passed on, except `fields`.
 */
export const MapChild: ComponentDefinition<MapChildComponent> = defineComponent(
  { name: 'base.map.child', inherit: BaseConnector, abstract: true },
  (Base) =>
    class extends Base {
      itemMapper: ItemMapper | undefined = undefined;

      childMapper(): ItemMapper {
        throw new NotImplementedError(this.componentName, 'childMapper');
      }

      skipItem(_mapRecord: MapRecord): MaybePromise<boolean> {
        return false;
      }

      getItemValues(
        mapRecord: MapRecord,
        _toAttr: string,
        options: MapOptions,
      ): MaybePromise<MappedValues | null | undefined> {
        return mapRecord.values(options);
      }

      formatItems(itemsValues: MappedValues[], _context: ChildItemsContext): MaybePromise<unknown> {
        return itemsValues;
      }

      async getItems(
        items: readonly SourceRecord[],
        parent: MapRecord,
        toAttr: string,
        options: MapOptions,
      ): Promise<unknown> {
        this.itemMapper ??= this.childMapper();
        const mapper = this.itemMapper;
        const values: MappedValues[] = [];
        const records: MapRecord[] = [];
        for (const item of items) {
          const mapRecord = mapper.mapRecord(item, parent);
          const skip = this.skipItem(mapRecord);
          if (isThenable(skip) ? await skip : skip) continue;
          const itemValues = await this.getItemValues(mapRecord, toAttr, options);
          if (isEmpty(itemValues) || Object.keys(itemValues).length === 0) continue;
          values.push(itemValues);
          records.push(mapRecord);
        }
        return this.formatItems(values, { parent, toAttr, options, records });
      }
    },
);
