import type { Component } from './component.js';

/**
 * Component instance types by component name. Empty here; each package that defines components
 * adds its own with module augmentation, and extensions merge into the interfaces it names:
 *
 * ```ts
 * declare module '@bindery/component' {
 *   interface ComponentsByName { 'base.binder': Binder }
 * }
 * ```
 */
export interface ComponentsByName {}

/** Component instance types by usage (`'record.importer'`, `'binder'`...). Augment like {@link ComponentsByName}. */
export interface ComponentsByUsage {}

/**
 * Types shared by every work context of the program. Augment `env` to type `work.env`:
 *
 * ```ts
 * declare module '@bindery/component' { interface WorkContextTypes { env: Env } }
 * ```
 */
export interface WorkContextTypes {}

/** A key of an augmentable map, or any string once the map is empty (open fallback). */
type OpenKey<TMap> = [keyof TMap] extends [never] ? string : (keyof TMap & string) | (string & {});

/** A component name: the registered names (for autocompletion) or any string. */
export type ComponentName = OpenKey<ComponentsByName>;

/** A usage: the registered usages (for autocompletion) or any string. */
export type ComponentUsage = OpenKey<ComponentsByUsage>;

/** The instance type registered for a component name, or `Component` for an unregistered name. */
export type ComponentByName<TName extends string> = TName extends keyof ComponentsByName
  ? ComponentsByName[TName]
  : Component;

/** The instance type registered for a usage, or `Component` when no usage (or an unknown one) is given. */
export type ComponentByUsage<TUsage extends string | undefined> =
  TUsage extends keyof ComponentsByUsage ? ComponentsByUsage[TUsage] : Component;

/** The type of `work.env`: `WorkContextTypes['env']` when augmented, else `unknown`. */
export type RegisteredEnv = WorkContextTypes extends { env: infer TEnv } ? TEnv : unknown;
