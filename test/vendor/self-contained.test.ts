import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * The repository is complete on its own: a clone with nothing beside it builds, tests and
 * runs. The reference material the project was started from lives outside the repository
 * in a sibling folder named "shared"; nothing that runs may read it. What is needed from
 * it is vendored in src/vendor.
 */

const SIBLING = 'shared';
// A path that climbs out of the repository into the sibling folder, however it is spelt:
// with a slash, a backslash, or as two arguments of join().
const REFERENCE = new RegExp(String.raw`\.\.[/\\]+${SIBLING}\b|['"\`]\.\.['"\`]\s*,\s*['"\`]${SIBLING}['"\`]`);

const ROOTS = ['src', 'test', '.ci', 'bin', 'package.json', 'tsconfig.json', 'vitest.config.ts', 'eslint.config.js'];

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

describe('the repository stands alone', () => {
  test('the pattern finds each way of writing the path (so the next test can fail)', () => {
    for (const spelling of [`../${SIBLING}/kivra`, `..\\${SIBLING}`, `resolve(REPO, '..', '${SIBLING}')`, `join(root, "..", "${SIBLING}", "x")`]) {
      expect(spelling).toMatch(REFERENCE);
    }
    for (const innocent of [`${SIBLING}.pdf`, `a ${SIBLING} font`, `../${SIBLING}Memory`]) expect(innocent).not.toMatch(REFERENCE);
  });

  test(`nothing under ${ROOTS.join(', ')} refers to the sibling reference folder`, () => {
    const offenders: string[] = [];
    for (const root of ROOTS) {
      for (const file of filesUnder(join(REPO_ROOT, root))) {
        const text = readFileSync(file, 'latin1');
        text.split('\n').forEach((line, index) => {
          if (REFERENCE.test(line)) offenders.push(`${relative(REPO_ROOT, file)}:${index + 1}: ${line.trim()}`);
        });
      }
    }
    expect(offenders, 'vendor what is needed into src/vendor (with its source and licence) instead').toEqual([]);
  });
});
