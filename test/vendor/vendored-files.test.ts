import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixedSalarySlipSchema } from '../../src/kivra/salaryslip-schema.js';
import { VENDOR_DIR } from '../helpers/cli.js';

/**
 * src/vendor holds other people's files unchanged. Its README names each file's upstream,
 * version, licence and SHA-256; a file that changes without its line changing fails here,
 * and so does a file that nobody accounted for.
 */

const README = readFileSync(join(VENDOR_DIR, 'README.md'), 'utf8');

/** Every `| \`path\` | … | \`sha256\` |` row of the README's table. */
function recordedHashes(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of README.matchAll(/^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$/gm)) rows.set(match[1]!, match[2]!);
  return rows;
}

function vendoredFiles(dir = VENDOR_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return vendoredFiles(path);
    return entry.name === 'README.md' ? [] : [relative(VENDOR_DIR, path)];
  });
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(join(VENDOR_DIR, path))).digest('hex');

describe('vendored files', () => {
  test('every file is listed in the README with the SHA-256 it has', () => {
    const recorded = recordedHashes();
    const files = vendoredFiles().sort();
    expect(files.length).toBeGreaterThanOrEqual(11);
    expect([...recorded.keys()].sort()).toEqual(files);
    for (const file of files) expect(sha256(file), `${file}: update its line in src/vendor/README.md`).toBe(recorded.get(file));
  });

  test('each README row names an upstream source, a version and a licence', () => {
    const rows = README.split('\n').filter((line) => /^\| `[^`]+` \|/.test(line));
    for (const row of rows) {
      // file | what | source | version | licence | sha256
      const cells = row.slice(1, -1).split(' | ');
      expect(cells, row).toHaveLength(6);
      const [, , source, version, licence] = cells;
      expect(source, row).toMatch(/\S/);
      expect(version, row).toMatch(/[0-9a-f]{7}/);
      expect(licence, row).toMatch(/MIT|ISC|open data|licence/i);
    }
    for (const fact of ['kivra/kivra-api-errors', 'kivra/developer.kivra.com', 'c9dd84ccffab6f35b694cb05d489a6bf349b1381', 'Copyright (c) 2022 Kivra AB', 'personnummer/meta', 'Copyright (c) Personnummer and Contributors', 'Gyran/testpersonnummer']) {
      expect(README).toContain(fact);
    }
  });

  test('the salaryslip schema compiled at run time differs from Kivra\'s only by the documented {,n} → {0,n} fix', () => {
    const published = readFileSync(join(VENDOR_DIR, 'kivra', '_partials', 'schema-salary-slip.json'), 'utf8');
    expect(published).toContain('[0-9]{,2}');
    const fixed = JSON.stringify(fixedSalarySlipSchema());
    expect(fixed).not.toMatch(/\{,\d+\}/);
    expect(fixed).toBe(JSON.stringify(JSON.parse(published.replace(/\{,(\d+)\}/g, '{0,$1}'))));
  });
});
