import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * The layout is the architecture: commands are thin, workflows orchestrate, the store, the
 * import, the render and the Kivra client do IO, and the rules in domain/ import nothing
 * but each other. A module may import (at run time) only its own layer and the layers below
 * it; a type may be borrowed from anywhere, since it runs nothing.
 */
const RANK: Record<string, number> = {
  'domain': 0,
  'i18n': 0,
  'errors.ts': 0,
  'vendor': 0,
  'store': 1,
  'import': 1,
  'render': 1,
  'kivra': 1,
  'workflows': 2,
  'ui': 3,
  'commands': 4,
  'context.ts': 4,
  'cli.ts': 5,
};

const SRC = join(REPO_ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'vendor' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The layer of a file under src/: its top directory, or the file itself at the top. */
const layerOf = (file: string): string => relative(SRC, file).split('/')[0]!.replace(/\.js$/, '.ts');

/** Run-time imports of a file (`import type` and `import { type X }`-only lines left out). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^import (?!type )([^'"]*?)from '(\.[^']+)'/gm)) {
    const names = match[1]!;
    if (/^\{[^}]*\}\s*$/.test(names.trim()) && names.replace(/[{}\s]/g, '').split(',').every((n) => n.startsWith('type'))) continue;
    found.push(normalize(join(dirname(file), match[2]!)));
  }
  for (const match of text.matchAll(/import\('(\.[^']+)'\)/g)) found.push(normalize(join(dirname(file), match[1]!)));
  return found;
}

describe('layers', () => {
  test('every file under src/ belongs to a known layer', () => {
    const unknown = sources(SRC).map(layerOf).filter((layer) => RANK[layer] === undefined);
    expect([...new Set(unknown)]).toEqual([]);
  });

  test('no module imports a layer above its own at run time', () => {
    const upward: string[] = [];
    for (const file of sources(SRC)) {
      const from = layerOf(file);
      for (const target of runtimeImports(file)) {
        const to = layerOf(target);
        if ((RANK[to] ?? 0) > RANK[from]!) upward.push(`${relative(REPO_ROOT, file)} → ${relative(REPO_ROOT, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  test('the check sees an upward import (so the previous test can fail)', () => {
    expect(RANK['store']!).toBeLessThan(RANK['workflows']!);
    expect(runtimeImports(join(SRC, 'cli.ts')).some((target) => layerOf(target) === 'context.ts')).toBe(true);
  });
});
