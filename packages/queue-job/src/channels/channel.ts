/** Properties of one channel of the tree. */
export interface ChannelSettings {
  /** Jobs running at once in this channel and its sub-channels; `undefined` or `0`: unlimited. */
  readonly capacity: number | undefined;
  /** One job at a time, in order; a failed job blocks the channel until someone acts. */
  readonly sequential: boolean;
  /** Seconds to wait after a start before the next start, or `undefined`. */
  readonly throttle: number | undefined;
}

/**
 * A node of the channel tree: `root`, `root.shop`, `root.shop.orders`... Its capacity bounds the
 * jobs running in it and in all its sub-channels.
 */
export class Channel implements ChannelSettings {
  /** Last part of the name (`orders`). */
  readonly name: string;
  /** Dotted complete name (`root.shop.orders`). */
  readonly fullName: string;
  /** Parent channel; `undefined` for `root`. */
  readonly parent: Channel | undefined;
  /** Sub-channels by their short name. */
  readonly children = new Map<string, Channel>();
  capacity: number | undefined;
  sequential = false;
  throttle: number | undefined;

  constructor(name: string, parent: Channel | undefined, capacity?: number) {
    this.name = name;
    this.parent = parent;
    this.fullName = parent === undefined ? name : `${parent.fullName}.${name}`;
    this.capacity = capacity;
    parent?.children.set(name, this);
  }

  /** True when the capacity does not limit anything (`undefined` or `0`). */
  get unlimited(): boolean {
    return this.capacity === undefined || this.capacity === 0;
  }

  /** This channel and its ancestors, from this one up to `root`. */
  path(): Channel[] {
    return this.parent === undefined ? [this] : [this, ...this.parent.path()];
  }

  /** This channel and every channel below it. */
  descendants(): Channel[] {
    const all: Channel[] = [this];
    for (const child of this.children.values()) all.push(...child.descendants());
    return all;
  }

  toString(): string {
    return this.fullName;
  }
}
