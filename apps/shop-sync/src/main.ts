// Bindery's reference app. Until the data layer and the shop sync exist, `./dev start` runs a
// tour of the packages that do.
import { componentTour } from './component-tour.ts';

const tour = componentTour();
console.log('Bindery shop-sync: component tour');
console.log(`  addons, in build order: ${tour.addons.join(' -> ')}`);
console.log(`  components: ${tour.components.join(', ')}`);
console.log(
  `  work.component({ usage: 'binder' }) on shop.backend / shop.product -> ${tour.binder}`,
);
console.log(`  binder.externalKey('42') -> ${tour.externalKey}`);
console.log('  layers of shop.binder, outermost first:');
for (const layer of tour.layers) console.log(`    ${layer}`);
