import type { Component } from '@bindery/component';
import type { EventCollecterComponent } from './event-collecter.js';

declare module '@bindery/component' {
  interface ComponentsByName {
    /** The abstract base of every listener. */
    'base.event.listener': Component;
    /** Collects the listeners of an event. */
    'base.event.collecter': EventCollecterComponent;
  }
  interface ComponentsByUsage {
    /** Listeners (they handle events by method name). */
    'event.listener': Component;
  }
}
