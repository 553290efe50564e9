import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '..');
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm;

/** Every module the client entry reaches, with the specifiers it imports. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const specifiers = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map(
      (m) => m[1] ?? m[2] ?? '',
    );
    seen.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.'))
        visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return seen;
}

describe('the browser client', () => {
  it('imports nothing but its own modules (no package, no node: builtin)', () => {
    const modules = reachable(path.join(SRC, 'client', 'index.ts'));
    const external = [...modules.values()].flat().filter((specifier) => !specifier.startsWith('.'));
    expect(external).toEqual([]);
    const outside = [...modules.keys()]
      .map((file) => path.relative(SRC, file))
      .filter((file) => !/^(client|protocol|errors)\//.test(file));
    expect(outside).toEqual([]);
    expect(modules.size).toBeGreaterThan(10);
  });
});
