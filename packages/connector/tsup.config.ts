import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'test/index': 'src/test/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  treeshake: true,
  external: ['kysely', 'pg', 'vitest'],
});
