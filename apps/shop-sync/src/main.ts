// Bindery's reference app. Until the shop sync exists, `./dev start` runs a tour of the packages
// that do: components, then the data layer on PostgreSQL (DATABASE_URL, or a server the app
// starts itself with its data in .data/postgres, kept across runs).
import { ensurePostgres } from '@bindery/model/postgres';
import { componentTour } from './component-tour.ts';
import { dataTour } from './data-tour.ts';

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

const server = await ensurePostgres({
  onLog: process.env['BINDERY_POSTGRES_LOG'] === '1' ? console.log : undefined,
});
try {
  console.log(
    `\nBindery shop-sync: data tour (${server.embedded ? `self-started PostgreSQL, data in ${server.dataDir ?? '?'}` : 'DATABASE_URL'})`,
  );
  const data = await dataTour(server.url);
  console.log(
    `  migrations applied this run: ${data.applied.length === 0 ? 'none (already up to date)' : data.applied.join(', ')}`,
  );
  for (const line of data.audit) console.log(`  listener: ${line}`);
  console.log(`  products in the database: ${data.productCount}`);
} finally {
  await server.stop();
}
