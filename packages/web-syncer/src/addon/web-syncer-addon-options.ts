/**
 * What an addon can tell the web-syncer about its models, under `webSyncer` in `defineAddon`:
 *
 * ```ts
 * defineAddon({
 *   name: 'project',
 *   depends: [webSyncerAddon],
 *   models: [Project, Task],
 *   webSyncer: {
 *     related: { 'project.task': { project_name: 'project_id.name' } },
 *     inverseNames: { 'project.project.task_ids': ['project_id', 'origin_project_id'] },
 *     userModel: 'res.users',
 *   },
 * });
 * ```
 */
export interface WebSyncerAddonOptions {
  /**
   * Related values of a model (Odoo's `related=` fields): key in `data` → dotted path whose
   * first part is a many2one field of the model. When the root is written, the value at the
   * end of the path is added to the write notification.
   */
  readonly related?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * `'<parent model>.<one2many field>'` → the fields of the child that point to the parent
   * (the original's `syncer={'inverse_names': [...]}`); replaces the field's own inverse.
   */
  readonly inverseNames?: Readonly<Record<string, readonly string[]>>;
  /** The model of users, to send `user_id.name` (its record name). */
  readonly userModel?: string;
}

declare module '@bindery/component' {
  interface Addon {
    /** Options of `@bindery/web-syncer` for this addon's models. */
    readonly webSyncer?: WebSyncerAddonOptions;
  }
}
