import { defineConfig } from 'tsup';

// Two builds: the server for Node, and the client, self-contained and dependency-free, for
// browsers and Node (it shares no chunk with the server). `pnpm build` empties dist first.
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'node22',
    platform: 'node',
    treeshake: true,
    external: ['kysely', 'pg', 'ws'],
  },
  {
    entry: { 'client/index': 'src/client/index.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
  },
]);
