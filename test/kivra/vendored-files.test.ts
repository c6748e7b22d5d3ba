import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixedSalarySlipSchema } from '../../src/kivra/salaryslip-schema.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { KIVRA_DIR } from './support/kivra-openapi.js';

/** src/kivra/vendor holds Kivra's files unchanged (see its README.md); nothing may drift. */

const vendor = (name: string): Buffer => readFileSync(join(REPO_ROOT, 'src', 'kivra', 'vendor', name));

describe('vendored Kivra files', () => {
  test('api-errors.json is byte for byte Kivra\'s catalogue', () => {
    expect(vendor('api-errors.json').equals(readFileSync(join(KIVRA_DIR, 'api-errors.json')))).toBe(true);
  });

  test('schema-salary-slip.json is byte for byte Kivra\'s schema', () => {
    expect(vendor('schema-salary-slip.json').equals(readFileSync(join(KIVRA_DIR, '_partials', 'schema-salary-slip.json')))).toBe(true);
  });

  test('the schema compiled at run time differs from Kivra\'s only by the documented {,n} → {0,n} fix', () => {
    const published = readFileSync(join(KIVRA_DIR, '_partials', 'schema-salary-slip.json'), 'utf8');
    expect(published).toContain('[0-9]{,2}');
    const fixed = JSON.stringify(fixedSalarySlipSchema());
    expect(fixed).not.toMatch(/\{,\d+\}/);
    expect(fixed).toBe(JSON.stringify(JSON.parse(published.replace(/\{,(\d+)\}/g, '{0,$1}'))));
  });

  test('the provenance note names both sources, their commits and the MIT licence', () => {
    const note = readFileSync(join(REPO_ROOT, 'src', 'kivra', 'vendor', 'README.md'), 'utf8');
    for (const fact of ['kivra/kivra-api-errors', 'd30a578', 'kivra/developer.kivra.com', 'c9dd84ccffab6f35b694cb05d489a6bf349b1381', 'MIT', 'Copyright (c) 2022 Kivra AB']) {
      expect(note).toContain(fact);
    }
  });
});
