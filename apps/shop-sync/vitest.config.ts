import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['@bindery/model/test/global-setup'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
