import type { Env } from './env.js';

declare module '@bindery/component' {
  interface WorkContextTypes {
    /** Components see the `@bindery/model` env as `this.env`. */
    env: Env;
  }
}

declare module '@bindery/component-event' {
  interface EventRecord {
    /** Record events carry the whole row. */
    readonly [field: string]: unknown;
  }
}
