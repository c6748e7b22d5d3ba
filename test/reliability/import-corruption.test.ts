import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { readPayrollExport } from '../../src/import/read-payroll-export.js';
import Database from 'better-sqlite3';
import { ExitError } from '../../src/errors.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { importPayroll } from '../../src/workflows/import-payroll.js';
import { createSandbox, REPO_ROOT } from '../helpers/cli.js';
import { payrollJsonToCsv } from '../import/support/payroll-csv-writer.js';

/**
 * Random corruption of a valid export is either imported or rejected with every problem
 * named (file:line: field), never a crash and never half an import. Most runs call the
 * import in-process (fast); a few go through the built CLI and compare the database
 * file's bytes before and after.
 */

const VALID = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures', 'payroll.json'), 'utf8')) as Record<string, unknown>;
const VALID_TEXT = JSON.stringify(VALID, null, 2);
const REFERENCE_DATE = '2025-12-01';
const scratch = mkdtempSync(join(tmpdir(), 'payslips-corrupt-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/**
 * Text-level damage: what a truncated download, an editor slip or a bad encoding does.
 * Arbitraries describe the damage (small, readable counterexamples); `applyText` does it.
 */
type TextDamage =
  | { cut: number }
  | { at: number; remove: number }
  | { at: number; insert: string }
  | { at: number; replace: string };

const textDamage: fc.Arbitrary<TextDamage> = fc.oneof(
  fc.record({ cut: fc.double({ min: 0, max: 1, noNaN: true }) }).map(({ cut }) => ({ cut })),
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), insert: fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }) }),
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), replace: fc.constantFrom('"', ',', '\n', ';', '\\', '\u0000', '\ufeff', 'é', '-', '.', ' ', '{', ']') }),
);

function applyText(text: string, damage: TextDamage): string {
  if ('cut' in damage) return text.slice(0, Math.floor(damage.cut * text.length));
  const at = Math.floor(damage.at * text.length);
  if ('remove' in damage) return text.slice(0, at) + text.slice(at + damage.remove);
  if ('insert' in damage) return text.slice(0, at) + damage.insert + text.slice(at);
  return text.slice(0, at) + damage.replace + text.slice(at + 1);
}

const oddValue = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.boolean(),
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('2025-02-30', '25-11-25', '1e3', '12,5', '1 000,00', '0.001', '-0', '19121212-1212', '0000000000', 'Infinity', '__proto__'),
  fc.constant([]),
  fc.constant({}),
);

/** Every path into the document, for structural damage. */
function pathsOf(doc: unknown): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [];
  const walk = (value: unknown, path: Array<string | number>): void => {
    if (path.length > 0) paths.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(doc, []);
  return paths;
}

type StructuralDamage = { path: Array<string | number>; action: 'set' | 'delete' | 'duplicate'; value: unknown };
const structuralDamage: fc.Arbitrary<StructuralDamage> = fc.record({
  path: fc.constantFrom(...pathsOf(VALID)),
  action: fc.constantFrom('set' as const, 'delete' as const, 'duplicate' as const),
  value: oddValue,
});

function applyStructure(doc: Record<string, unknown>, damage: StructuralDamage): string {
  const copy = structuredClone(doc);
  let parent: any = copy;
  for (const key of damage.path.slice(0, -1)) parent = parent[key];
  const last = damage.path.at(-1)!;
  if (damage.action === 'set') parent[last] = damage.value;
  else if (damage.action === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  }
  else if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(last)]));
  else parent[last] = damage.value;
  return JSON.stringify(copy, null, 2);
}

const jsonCorruption: fc.Arbitrary<{ text: TextDamage } | { structure: StructuralDamage }> = fc.oneof(
  textDamage.map((text) => ({ text })),
  structuralDamage.map((structure) => ({ structure })),
);
const jsonText = (c: { text: TextDamage } | { structure: StructuralDamage }): string =>
  'text' in c ? applyText(VALID_TEXT, c.text) : applyStructure(VALID, c.structure);

const CSV_FILES = payrollJsonToCsv(VALID, { decimalComma: true, booleanWords: ['ja', 'nej'], lineEnding: '\r\n', bom: true });
type CsvCorruption = { name: keyof typeof CSV_FILES; damage: TextDamage | 'missing' };
const csvCorruption: fc.Arbitrary<CsvCorruption> = fc.record({
  name: fc.constantFrom(...(Object.keys(CSV_FILES) as Array<keyof typeof CSV_FILES>)),
  damage: fc.oneof({ weight: 9, arbitrary: textDamage }, { weight: 1, arbitrary: fc.constant('missing' as const) }),
});

function writeJsonCase(text: string): string {
  const path = join(scratch, `case-${++counter}.json`);
  writeFileSync(path, text);
  return path;
}

function writeCsvCase(change: CsvCorruption): string {
  const dir = join(scratch, `csv-${++counter}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(CSV_FILES)) {
    if (text === null) continue;
    if (name !== change.name) writeFileSync(join(dir, name), text);
    else if (change.damage !== 'missing') writeFileSync(join(dir, name), applyText(text, change.damage));
  }
  return dir;
}

/** A database holding the valid export, as a company that already uses the tool has. */
let baseline: Buffer | undefined;
async function databaseWithBaseline(): Promise<Db> {
  if (!baseline) {
    const read = await readPayrollExport(join(REPO_ROOT, 'fixtures', 'payroll.json'), { referenceDate: REFERENCE_DATE });
    if (!read.ok) throw new Error('the fixture does not import');
    const db = openDatabase(':memory:');
    importPayroll(db, read.export, undefined, 'anna', '2025-12-01T09:00:00.000Z');
    baseline = db.serialize();
    db.close();
  }
  return new Database(baseline);
}

/** Every row of every table, for "nothing changed" comparisons. */
function snapshot(db: Db): string {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>;
  return JSON.stringify(tables.map(({ name }) => db.prepare(`SELECT * FROM ${name} ORDER BY rowid`).all()));
}

/**
 * Reads, then (if valid) imports: never throws anything but an ExitError (which exits
 * 2 or 4, not 1). Rejected means the database is exactly as before; imported means all
 * of it landed: importing the same parse again changes nothing.
 */
async function importInProcess(path: string): Promise<'imported' | 'rejected'> {
  const read = await readPayrollExport(path, { referenceDate: REFERENCE_DATE });
  if (!read.ok) {
    expect(read.problems.length).toBeGreaterThan(0);
    for (const p of read.problems) {
      expect(p.file).toBeTruthy();
      expect(p.message).toBeTruthy();
    }
    return 'rejected';
  }
  const db = await databaseWithBaseline();
  try {
    const before = snapshot(db);
    try {
      importPayroll(db, read.export, undefined, 'anna', '2025-12-01T10:00:00.000Z');
    } catch (error) {
      expect(error).toBeInstanceOf(ExitError);
      expect((error as ExitError).exitCode).not.toBe(1);
      expect(snapshot(db)).toBe(before);
      return 'rejected';
    }
    const after = snapshot(db);
    const { summary } = importPayroll(db, read.export, undefined, 'anna', '2025-12-01T11:00:00.000Z');
    expect(summary.payslips.added + summary.payslips.updated + summary.employees.added + summary.employees.updated).toBe(0);
    expect(snapshot(db)).toBe(after);
    return 'imported';
  } finally {
    db.close();
  }
}

describe('random corruption of a valid export', () => {
  test('JSON: imported whole or rejected with problems named, in-process', async () => {
    const seen = { imported: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(jsonCorruption, async (c) => {
        seen[await importInProcess(writeJsonCase(jsonText(c)))]++;
      }),
      { numRuns: 300 },
    );
    // Both branches were exercised.
    expect(seen.rejected).toBeGreaterThan(50);
    expect(seen.imported).toBeGreaterThan(0);
  });

  test('CSV: imported whole or rejected with problems named, in-process', async () => {
    const seen = { imported: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(csvCorruption, async (change) => {
        seen[await importInProcess(writeCsvCase(change))]++;
      }),
      { numRuns: 200 },
    );
    expect(seen.rejected).toBeGreaterThan(30);
  });

  test('through the CLI: exit 0 or 2, never 1, and a rejected import leaves the database file unchanged', async () => {
    const sb = createSandbox();
    try {
      const base = await sb.run(['sync', '--from', join(REPO_ROOT, 'fixtures', 'payroll.json'), '--offline']);
      expect(base.exitCode).toBe(0);
      const fingerprint = () =>
        ['', '-wal'].map((s) => (existsSync(sb.dbPath + s) ? createHash('sha256').update(readFileSync(sb.dbPath + s)).digest('hex') : '-')).join('/');
      const cases = fc.sample(fc.oneof(jsonCorruption.map((c) => writeJsonCase(jsonText(c))), csvCorruption.map((c) => writeCsvCase(c))), { numRuns: 8, seed: 7 });
      for (const path of cases) {
        const before = fingerprint();
        const r = await sb.run(['sync', '--from', path, '--offline', '--json']);
        expect([0, 2], `${path}: ${String(r.stderr)}`).toContain(r.exitCode);
        if (r.exitCode === 2) {
          expect(fingerprint()).toBe(before);
          expect(sb.json(r).error.code).toBe('invalid_import');
          expect(String(r.stderr)).toMatch(/Nothing was written/);
        }
      }
    } finally {
      sb.cleanup();
    }
  }, 120_000);
});
