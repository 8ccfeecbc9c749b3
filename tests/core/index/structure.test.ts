/**
 * The index layer sits below the library (issue 10): nothing in src/core/index imports from
 * src/core/library (or any layer above it), and its modules form no import cycle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = resolve(__dirname, '../../../src/core/index');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

/** Relative import specifiers of one module (type-only imports included). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(dir, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)[^;]*?from '(\.[^']+)'/gms)].map((m) => m[1]);
}

describe('src/core/index structure', () => {
  it('imports nothing from the library or the layers above it', () => {
    const upward = files.flatMap((f) =>
      importsOf(f)
        .filter(
          (s) =>
            /^\.\.\/(library|related|write|desk|service|dispatch)\b/.test(s) ||
            /^\.\.\/\.\.\/(main|server|cli|renderer)\//.test(s),
        )
        .map((s) => `${f} -> ${s}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no import cycle between its own modules', () => {
    const graph = new Map(
      files.map((f) => [
        f,
        importsOf(f)
          .filter((s) => s.startsWith('./'))
          .map((s) => `${s.slice(2)}.ts`),
      ]),
    );
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (path.includes(f)) {
        cycles.push([...path.slice(path.indexOf(f)), f].join(' -> '));
        return;
      }
      for (const next of graph.get(f) ?? []) visit(next, [...path, f]);
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
