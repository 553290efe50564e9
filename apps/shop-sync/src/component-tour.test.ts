import { describe, expect, it } from 'vitest';
import { componentTour } from './component-tour.ts';

describe('component tour (the @bindery/component README example, as a consumer)', () => {
  it('finds the shop binder, extended in place by name from another addon', () => {
    const tour = componentTour();
    expect(tour.addons).toEqual(['component', 'connector', 'shop-connector']);
    expect(tour.binder).toBe('shop.binder');
    expect(tour.externalKey).toBe('SHOP.BACKEND:SHOP.PRODUCT:42');
    expect(tour.layers).toEqual([
      'shop.binder (define, addon shop-connector)',
      'base.binder (extend, addon shop-connector)',
      'base.binder (define, addon connector)',
      'base (define, addon component)',
    ]);
  });
});
