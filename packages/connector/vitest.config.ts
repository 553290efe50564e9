import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    typecheck: { include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    // One PostgreSQL server for the whole run: DATABASE_URL, or a throwaway embedded server.
    globalSetup: ['@bindery/model/test/global-setup'],
    // Integration tests against a real server; starting an embedded server takes a few seconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
