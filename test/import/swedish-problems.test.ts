import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { useLanguage } from '../../src/i18n/catalogue.js';
import { formatImportWarning } from '../../src/import/problems.js';
import { readPayrollExport } from '../../src/import/read-payroll-export.js';
import type { PayrollImportResult } from '../../src/import/types.js';
import { badCases, FIXTURE_JSON, manyProblemsCase } from './support/exports.js';

/**
 * In Swedish the import says the same things: every problem at the same file, line and
 * field (the export's own names), with its message in Swedish and no English left in it.
 */

const dir = mkdtempSync(join(tmpdir(), 'payslips-import-sv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => useLanguage('en'));
const options = { referenceDate: '2026-01-15' };

/** English words of the import's messages (never of a field name or a quoted value). */
const ENGLISH = /\b(missing|not an?|must|expected|found|unknown|duplicate|accepted|allowed|characters|remove it|the (file|key|row|column|period|gross|export|header)|payslips? for|employee)\b/;

async function read(language: 'en' | 'sv', from: string): Promise<PayrollImportResult> {
  useLanguage(language);
  return readPayrollExport(from, options);
}

describe('a refused export, in Swedish', () => {
  test.each([...badCases(), manyProblemsCase()].map((c) => [c.name, c] as const))('%s', async (name, badCase) => {
    const from = badCase.write(join(dir, name.replaceAll(' ', '-')));
    const english = await read('en', from);
    const swedish = await read('sv', from);
    if (english.ok || swedish.ok) throw new Error('the bad export was accepted');
    const where = (result: typeof english) => result.problems.map(({ file, line, field }) => ({ file, line, field }));
    expect(where(swedish)).toEqual(where(english));
    swedish.problems.forEach((problem, index) => {
      expect(problem.message).not.toBe(english.problems[index]!.message);
      expect(problem.message).not.toMatch(ENGLISH);
    });
  });
});

test('the warnings about one employee, in Swedish', async () => {
  const result = await read('sv', FIXTURE_JSON);
  if (!result.ok) throw new Error('the fixture was refused');
  const lines = result.warnings.map(formatImportWarning);
  expect(lines).toContainEqual(expect.stringMatching(/payroll\.json:\d+: anställd 1008: personnummer: saknas; den anställdas lönespecifikationer misslyckas tills det är tillagt$/));
  expect(lines).toContainEqual(expect.stringMatching(/payroll\.json:\d+: anställd 1009: personnummer: inte ett giltigt personnummer: kontrollsiffran är fel; /));
  expect(lines).toContainEqual(expect.stringMatching(/payroll\.json:\d+: anställd 1007: address: ofullständig \(postal_code saknas\); /));
  for (const warning of result.warnings) expect(warning.message).not.toMatch(ENGLISH);
});
