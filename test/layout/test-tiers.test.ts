import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * `npm run test:fast` runs every test outside test/e2e and test/reliability in-process.
 * A test there that starts the built CLI (or any process) would make the fast tier slow
 * and let it run against a stale dist/: such a test belongs in the CLI tier.
 */

const CLI_TIER = ['e2e', 'reliability'];
const SPAWNS = /\b(createSandbox|execa|runInPty|localMonthEnd|remoteMonthEnd|prepareCompany|child_process)\b/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('test tiers', () => {
  test('the pattern finds a spawning test (so the next test can fail)', () => {
    expect("import { createSandbox } from '../helpers/cli.js';").toMatch(SPAWNS);
    expect("import { execa } from 'execa';").toMatch(SPAWNS);
    expect("import { REPO_ROOT } from '../helpers/cli.js';").not.toMatch(SPAWNS);
  });

  test('no test of the fast tier starts the CLI or another process', () => {
    const root = join(REPO_ROOT, 'test');
    const fast = readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !CLI_TIER.includes(entry.name) && entry.name !== 'bench')
      .flatMap((entry) => testFiles(join(root, entry.name)))
      // This file names what it looks for.
      .filter((file) => !file.endsWith(join('layout', 'test-tiers.test.ts')));
    expect(fast.length).toBeGreaterThan(30);
    const spawning = fast.filter((file) => SPAWNS.test(readFileSync(file, 'utf8')));
    expect(spawning.map((file) => relative(REPO_ROOT, file)), 'move these to test/e2e or test/reliability').toEqual([]);
  });
});
