// `./dev migrate`: apply the pending migrations of every addon the app installs, in dependency
// order, on DATABASE_URL or the app's own PostgreSQL (.data/postgres). Safe to run while another
// process migrates too (advisory lock); a second run applies nothing.
import { buildAppRegistries, migrate } from '@bindery/model';
import { ensurePostgres } from '@bindery/model/postgres';
import { appAddons } from './app-addons.ts';
import { openDatabase } from './database.ts';

const server = await ensurePostgres();
const db = openDatabase<unknown>(server.url, 1);
try {
  const { addons } = buildAppRegistries(appAddons, { key: 'shop-sync' });
  const report = await migrate(db, addons, {
    onProgress: (migration, index, total) =>
      console.log(`[${index + 1}/${total}] ${migration.addon}/${migration.name}`),
  });
  console.log(`applied ${report.applied.length}, already applied ${report.skipped.length}`);
  for (const unknown of report.unknown)
    console.log(
      `note: ${unknown.addon}/${unknown.name} is applied but no addon declares it any more`,
    );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
  await server.stop();
}
