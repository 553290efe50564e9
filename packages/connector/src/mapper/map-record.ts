import type { MapOptions, MappedValues, SourceRecord } from './mapper-types.js';

/** What a {@link MapRecord} needs from its mapper. */
export interface RecordMapper {
  /** Map `mapRecord` with `options`: direct mappings, mapping methods, children, `finalize`. */
  applyMapping(mapRecord: MapRecord, options?: MapOptions): Promise<MappedValues>;
}

/**
 * A source record ready to be mapped (upstream `MapRecord`), made by `mapper.mapRecord(record)`.
 * `values()` recomputes everything on every call and applies the forced values of `update()`
 * on top.
 *
 * @example
 * ```ts
 * const mapRecord = mapper.mapRecord(payload);
 * mapRecord.update({ active: true }); // forced, whatever the mappings say
 * const values = await mapRecord.values({ forCreate: true });
 * ```
 */
export class MapRecord<TSource extends SourceRecord = SourceRecord> {
  readonly mapper: RecordMapper;
  /** The record being mapped. */
  readonly source: TSource;
  /** The parent's map record, for the items of a child mapping. */
  readonly parent: MapRecord | undefined;
  readonly #forced: MappedValues = {};
  #hasForced = false;

  constructor(mapper: RecordMapper, source: TSource, parent?: MapRecord) {
    this.mapper = mapper;
    this.source = source;
    this.parent = parent;
  }

  /**
   * The mapped values: a new object on every call, with the forced values of `update()` on top.
   * `options` become the mapper's `options` for the call (`forCreate`, `fields`, custom keys).
   */
  async values(options: MapOptions = {}): Promise<MappedValues> {
    const values = await this.mapper.applyMapping(this, options);
    return this.#hasForced ? Object.assign({ ...values }, this.#forced) : values;
  }

  /**
   * Force values (like `Object.assign`): they persist across `values()` calls and override the
   * direct mappings, mapping methods, children and `finalize`, for creations and updates alike.
   */
  update(values: Readonly<Record<string, unknown>>): void {
    Object.assign(this.#forced, values);
    this.#hasForced = true;
  }
}
