import {
  defineComponent,
  NoComponentError,
  type ComponentDefinition,
  type ComponentRegistry,
} from '@bindery/component';
import type { FieldDefinition } from '@bindery/model';
import { BaseConnector, type ConnectorComponent } from '../core/base-connector-component.js';
import { ConnectorConfigError } from '../errors/connector-config-error.js';
import { describeValue } from '../errors/describe-value.js';
import { MappingError } from '../errors/mapping-error.js';
import { NotImplementedError } from '../errors/not-implemented-error.js';
import { MapRecord } from './map-record.js';
import type {
  ChildMapping,
  DirectMapping,
  DirectSource,
  MapOptions,
  MappedValues,
  MaybePromise,
  SourceRecord,
} from './mapper-types.js';
import { mappingDefinitions, type MappingDefinition } from './mapping-definitions.js';
import { isEmpty, isSelected, isThenable, sourceFieldOf } from './source-values.js';

/** What a mapper needs from the map-child component of a child mapping. */
export interface ChildItemsMapper {
  getItems(
    items: readonly SourceRecord[],
    parent: MapRecord,
    toAttr: string,
    options: MapOptions,
  ): Promise<unknown>;
}

/** The instance type of {@link BaseMapper} (every mapper has these members). */
export interface MapperComponent extends ConnectorComponent {
  /** Direct mappings `[source, targetField]`; the source is a field name or a modifier. */
  direct: readonly DirectMapping[];
  /** Child mappings `[sourceField, targetField, itemModel]`. */
  children: readonly ChildMapping[];
  /** Usage of the map-child components (`'import.map.child'`...). */
  mapChildUsage: string | undefined;
  /** Component used when no map-child component matches the item model. */
  mapChildFallback: string | undefined;
  /** The many2one of a binding model that points to the local record (for field metadata). */
  localRecordField: string;
  /** Map-child components of this mapper, by item model (looked up once per mapper). */
  readonly mapChildren: Map<string, ChildItemsMapper>;
  /** The options of the `values()` call in progress. */
  readonly options: MapOptions;
  /** The options in effect while `apply` runs. */
  currentOptions: MapOptions | undefined;
  /** The mapping methods of this mapper, merged along its inheritance. */
  readonly mappingDefinitions: readonly MappingDefinition[];
  /** Cache of `mappingDefinitions` for this instance. */
  definitions: readonly MappingDefinition[] | undefined;
  mapRecord<TSource extends SourceRecord>(record: TSource, parent?: MapRecord): MapRecord<TSource>;
  applyMapping(mapRecord: MapRecord, options?: MapOptions): Promise<MappedValues>;
  applyWithOptions(mapRecord: MapRecord, options: MapOptions): Promise<MappedValues>;
  mapDirect(record: SourceRecord, from: DirectSource, toAttr: string): MaybePromise<unknown>;
  mapChild(mapRecord: MapRecord, from: string, toAttr: string, modelName: string): Promise<unknown>;
  getMapChildComponent(modelName: string): ChildItemsMapper;
  findMapChild(modelName: string): ChildItemsMapper;
  finalize(mapRecord: MapRecord, values: MappedValues): MaybePromise<MappedValues>;
  changedByFields(): Set<string>;
  fieldDefinition(name: string): FieldDefinition | undefined;
}

const NO_OPTIONS: MapOptions = Object.freeze({});

/**
 * `'base.mapper'` (usage `mapper`, abstract): transforms a source record into values (upstream
 * `Mapper`). Declare `direct` mappings, mapping methods (`@mapping`, `@onlyCreate`,
 * `@changedBy`) and `children`; `mapRecord(record).values(options)` applies them in that
 * order, then `finalize`. See `base.import.mapper` and `base.export.mapper`.
 */
export const BaseMapper: ComponentDefinition<MapperComponent> = defineComponent(
  { name: 'base.mapper', inherit: BaseConnector, usage: 'mapper', abstract: true },
  (Base) =>
    class Mapper extends Base {
      direct: readonly DirectMapping[] = [];
      children: readonly ChildMapping[] = [];
      mapChildUsage: string | undefined = undefined;
      mapChildFallback: string | undefined = undefined;
      localRecordField = 'record_id';
      readonly mapChildren = new Map<string, ChildItemsMapper>();
      definitions: readonly MappingDefinition[] | undefined = undefined;
      currentOptions: MapOptions | undefined = undefined;

      static override completeBuild(registry: ComponentRegistry): void {
        super.completeBuild(registry);
        mappingDefinitions(this, registry);
      }

      get options(): MapOptions {
        return this.currentOptions ?? NO_OPTIONS;
      }

      get mappingDefinitions(): readonly MappingDefinition[] {
        this.definitions ??= mappingDefinitions(
          this.constructor as typeof Mapper,
          this.work.registry,
        );
        return this.definitions;
      }

      mapRecord<TSource extends SourceRecord>(
        record: TSource,
        parent?: MapRecord,
      ): MapRecord<TSource> {
        return new MapRecord(this, record, parent);
      }

      /** Map with `options` in effect (restored afterwards, even when a mapping throws). */
      async applyMapping(
        mapRecord: MapRecord,
        options: MapOptions = NO_OPTIONS,
      ): Promise<MappedValues> {
        const previous = this.currentOptions;
        this.currentOptions = options;
        try {
          return await this.applyWithOptions(mapRecord, options);
        } finally {
          this.currentOptions = previous;
        }
      }

      async applyWithOptions(mapRecord: MapRecord, options: MapOptions): Promise<MappedValues> {
        const fields = options.fields === undefined ? undefined : new Set(options.fields);
        const record = mapRecord.source;
        const result: MappedValues = {};
        for (const [from, toAttr] of this.direct) {
          if (fields !== undefined && !isSelected(sourceFieldOf(from), fields)) continue;
          const value = this.mapDirect(record, from, toAttr);
          result[toAttr] = isThenable(value) ? await value : value;
        }
        for (const definition of this.mappingDefinitions) {
          if (
            fields !== undefined &&
            definition.changedBy.size > 0 &&
            !intersects(definition.changedBy, fields)
          )
            continue;
          if (definition.onlyCreate && options.forCreate !== true) continue;
          Object.assign(result, await this.runMapping(definition.name, record));
        }
        for (const [from, toAttr, modelName] of this.children) {
          if (fields !== undefined && !fields.has(from)) continue;
          result[toAttr] = await this.mapChild(mapRecord, from, toAttr, modelName);
        }
        return this.finalize(mapRecord, result);
      }

      /** Call mapping method `name`; `MappingError` (`invalid-result`) unless it returns an object or nothing. */
      async runMapping(name: string, record: SourceRecord): Promise<MappedValues | undefined> {
        const method = (this as unknown as Record<string, (record: SourceRecord) => unknown>)[name];
        let values = method?.call(this, record);
        if (isThenable(values)) values = await values;
        if (isEmpty(values)) return undefined;
        if (typeof values !== 'object' || Array.isArray(values)) {
          throw new MappingError({
            code: 'invalid-result',
            model: this.modelName,
            field: name,
            value: values,
            message: `${describeValue(values)}: invalid return value for the mapping method ${name}`,
          });
        }
        return values as MappedValues;
      }

      mapDirect(
        _record: SourceRecord,
        _from: DirectSource,
        _toAttr: string,
      ): MaybePromise<unknown> {
        throw new NotImplementedError(this.componentName, 'mapDirect');
      }

      async mapChild(
        mapRecord: MapRecord,
        from: string,
        toAttr: string,
        modelName: string,
      ): Promise<unknown> {
        const items = mapRecord.source[from];
        if (!isEmpty(items) && !Array.isArray(items)) {
          throw new MappingError({
            code: 'invalid-value',
            model: this.modelName,
            field: from,
            value: items,
            message: `${this.modelName}: the children in '${from}' must be a list.`,
          });
        }
        const { fields: _fields, ...options } = this.options;
        const child = this.getMapChildComponent(modelName);
        return child.getItems((items ?? []) as readonly SourceRecord[], mapRecord, toAttr, options);
      }

      getMapChildComponent(modelName: string): ChildItemsMapper {
        let found = this.mapChildren.get(modelName);
        if (found === undefined) {
          found = this.findMapChild(modelName);
          this.mapChildren.set(modelName, found);
        }
        return found;
      }

      /** The map-child component of an item model: its own, else the fallback. */
      findMapChild(modelName: string): ChildItemsMapper {
        if (this.mapChildUsage === undefined) {
          throw new ConnectorConfigError(
            'mapper',
            `${this.componentName}: mapChildUsage required for children.`,
          );
        }
        try {
          return this.component({
            usage: this.mapChildUsage,
            modelName,
          }) as unknown as ChildItemsMapper;
        } catch (error) {
          if (!NoComponentError.isInstance(error) || this.mapChildFallback === undefined)
            throw error;
          return this.componentByName(this.mapChildFallback, {
            modelName,
          }) as unknown as ChildItemsMapper;
        }
      }

      /** Post-process all mapped values (returns them unchanged by default). */
      finalize(_mapRecord: MapRecord, values: MappedValues): MaybePromise<MappedValues> {
        return values;
      }

      /** Every source field that changes the output: direct sources, `changedBy` sets, children sources. */
      changedByFields(): Set<string> {
        const fields = new Set<string>();
        for (const [from] of this.direct) fields.add(sourceFieldOf(from));
        for (const definition of this.mappingDefinitions)
          for (const field of definition.changedBy) fields.add(field);
        for (const [from] of this.children) fields.add(from);
        return fields;
      }

      /** A field of the work model, else of the local model its bindings point to. */
      fieldDefinition(name: string): FieldDefinition | undefined {
        const { models } = this.env;
        if (!models.has(this.modelName)) return undefined;
        const model = models.get(this.modelName);
        const own = model.fields.get(name);
        if (own !== undefined) return own;
        const local = model.fields.get(this.localRecordField);
        if (local?.type !== 'many2one' || local.target === undefined) return undefined;
        return models.get(local.target).fields.get(name);
      }
    },
);

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const item of a) if (b.has(item)) return true;
  return false;
}
