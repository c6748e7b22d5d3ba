import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/cli.js';
import { badCases, baseExport, csvFiles, jsonText, lineOf, manyProblemsCase, writeCsvExport, writeJsonExport } from '../import/support/exports.js';

/**
 * sync: an export with structural errors exits 2, lists every problem as
 * `file:line: field: message`, and writes nothing: the database files stay byte for byte
 * as they were.
 */

let sb: Sandbox;
beforeAll(async () => {
  sb = createSandbox();
  const first = await sb.run(['sync', '--from', writeJsonExport(join(sb.dir, 'good'), baseExport()), '--offline']);
  expect(first.exitCode, String(first.stderr)).toBe(0);
});
afterAll(() => sb?.cleanup());

/** The database file and any WAL/shared-memory file beside it, as hashes. */
function databaseFingerprint(): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const path = sb.dbPath + suffix;
    out[suffix || 'db'] = existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
  }
  return out;
}

describe('sync refuses bad input with exit 2 and writes nothing', () => {
  test.each([...badCases(), manyProblemsCase()].map((c) => [c.name, c] as const))('%s', async (name, badCase) => {
    const from = badCase.write(join(sb.dir, 'bad', name.replaceAll(' ', '-')));
    const before = databaseFingerprint();
    const r = await sb.run(['sync', '--from', from, '--json']);
    expect(r.exitCode).toBe(2);
    const out = sb.json(r);
    const problems = badCase.problems(from);
    expect(out.error).toMatchObject({
      code: 'invalid_import',
      message: `${from} cannot be imported: ${problems.length} problem${problems.length === 1 ? '' : 's'}. Nothing was written.`,
      details: problems,
    });
    expect(databaseFingerprint()).toEqual(before);
  });

  test('without --json the problems go to stderr, one per line, and stdout stays empty', async () => {
    const badCase = manyProblemsCase();
    const from = badCase.write(join(sb.dir, 'bad', 'human'));
    const before = databaseFingerprint();
    const r = await sb.run(['sync', '--from', from]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    const stderr = String(r.stderr);
    expect(stderr).toContain('Nothing was written.');
    for (const problem of badCase.problems(from)) expect(stderr).toContain(problem);
    expect(databaseFingerprint()).toEqual(before);
  });

  test('an export for another company than --company is refused the same way', async () => {
    const from = writeJsonExport(join(sb.dir, 'other'), baseExport());
    const before = databaseFingerprint();
    const r = await sb.run(['sync', '--from', from, '--company', '556036-0793', '--offline', '--json']);
    expect(r.exitCode).toBe(2);
    expect(sb.json(r).error.code).toBe('company_mismatch');
    expect(databaseFingerprint()).toEqual(before);
  });

  test('an export for another company that also has a problem: the problem is named first, as on a first run', async () => {
    const doc = baseExport();
    doc.pay_runs[0].payslips[1].net_pay = '1.00';
    const before = databaseFingerprint();
    const runs = [sb, createSandbox()];
    try {
      for (const target of runs) {
        const r = await target.run(['sync', '--from', writeJsonExport(join(target.dir, 'other-and-bad'), doc), '--company', '556036-0793', '--offline', '--json']);
        expect(r.exitCode).toBe(2);
        expect(target.json(r).error).toMatchObject({ code: 'invalid_import', details: [expect.stringContaining('pay_runs[0].payslips[1].net_pay')] });
      }
    } finally {
      runs[1]?.cleanup();
    }
    expect(databaseFingerprint()).toEqual(before);
  });

  test('a name of ten million characters is refused by its length, in JSON and CSV, in seconds', async () => {
    const doc = baseExport();
    doc.employees[1].first_name = 'x'.repeat(10_000_000);
    const json = writeJsonExport(join(sb.dir, 'huge-json'), doc);
    const csv = writeCsvExport(join(sb.dir, 'huge-csv'), csvFiles(doc));
    for (const [from, where] of [
      [json, `${json}:${lineOf(jsonText(baseExport()), '"first_name": "Åsa"')}: employees[1].first_name`],
      [csv, `${join(csv, 'employees.csv')}:3: first_name`],
    ] as const) {
      const before = databaseFingerprint();
      const r = await sb.run(['sync', '--from', from, '--json'], { timeout: 60_000 });
      expect(r.exitCode, String(r.stderr)).toBe(2);
      expect(sb.json(r).error.details).toEqual([`${where}: 10000000 characters; at most 100 are accepted`]);
      // About 2 s on a laptop; the limit leaves room for a loaded machine.
      expect(r.durationMs).toBeLessThan(20_000);
      expect(databaseFingerprint()).toEqual(before);
    }
  });

  /** The English problem lines with each message (the end of the line) put in Swedish: the file, line and field stay. */
  const inSwedish = (english: string[], messages: Array<[english: string, swedish: string]>): string[] =>
    english.map((line, index) => {
      const [from, to] = messages[index]!;
      expect(line.endsWith(`: ${from}`), line).toBe(true);
      return `${line.slice(0, -from.length)}${to}`;
    });
  const ENGLISH = /cannot be imported|Nothing was written|\b(missing|unknown|not an amount|contains|remove it)\b/;

  test('in Swedish (--lang sv): every problem at the same file, line and field, in Swedish; exit 2, nothing written', async () => {
    const badCase = manyProblemsCase();
    const from = badCase.write(join(sb.dir, 'bad', 'svenska'));
    const before = databaseFingerprint();
    const r = await sb.run(['sync', '--from', from, '--lang', 'sv']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    const problems = inSwedish(badCase.problems(from), [
      ['missing', 'saknas'],
      ['unknown status "draft" (use preliminary, final)', 'okänt värde för status: "draft" (använd preliminary, final)'],
      ['not an amount: "8 450,00": thousands separators are not accepted', 'inte ett belopp: "8 450,00": tusentalsavgränsare godtas inte'],
      ['unknown employee 1003 (not among the employees)', 'okänd anställd 1003 (finns inte bland employees)'],
      ['unknown kind "perk" (use gross, benefit, net)', 'okänt värde för kind: "perk" (använd gross, benefit, net)'],
    ]);
    expect(String(r.stderr).split('\n')).toEqual([`fel: ${from} kan inte importeras: 5 problem. Inget har sparats.`, ...problems.map((problem) => `  ${problem}`)]);
    expect(String(r.stderr)).not.toMatch(ENGLISH);
    expect(databaseFingerprint()).toEqual(before);
  });

  test('in Swedish (PAYSLIPS_LANG=sv), a CSV export with --json: the same places, the words in Swedish; exit 2, nothing written', async () => {
    const badCase = badCases().find((c) => c.name === 'control characters in CSV cells, a line break in a quoted one')!;
    const from = badCase.write(join(sb.dir, 'bad', 'svenska-csv'));
    const before = databaseFingerprint();
    const r = await sb.run(['sync', '--from', from, '--json'], { env: { PAYSLIPS_LANG: 'sv' } });
    expect(r.exitCode).toBe(2);
    const remove = 'remove it in the payroll system';
    const bort = 'ta bort det i lönesystemet';
    expect(sb.json(r).error).toEqual({
      code: 'invalid_import',
      message: `${from} kan inte importeras: 4 problem. Inget har sparats.`,
      details: inSwedish(badCase.problems(from), [
        [`contains a control character (U+0009 TAB); ${remove}`, `innehåller ett styrtecken (U+0009 TAB); ${bort}`],
        [`contains a control character (U+001B ESC); ${remove}`, `innehåller ett styrtecken (U+001B ESC); ${bort}`],
        [`contains a line break (U+000A LF); ${remove}`, `innehåller en radbrytning (U+000A LF); ${bort}`],
        [`contains an invisible formatting character (U+2066 LEFT-TO-RIGHT ISOLATE); ${remove}`, `innehåller ett osynligt formateringstecken (U+2066 LEFT-TO-RIGHT ISOLATE); ${bort}`],
      ]),
    });
    expect(String(r.stderr)).not.toMatch(ENGLISH);
    expect(databaseFingerprint()).toEqual(before);
  });

  test('on a first run, bad input does not even create the database', async () => {
    const fresh = createSandbox();
    try {
      const r = await fresh.run(['sync', '--from', manyProblemsCase().write(join(fresh.dir, 'bad')), '--json']);
      expect(r.exitCode).toBe(2);
      expect(existsSync(fresh.dbPath)).toBe(false);
    } finally {
      fresh.cleanup();
    }
  });

  test('the database still holds the first import only', async () => {
    const r = await sb.run(['employees', 'list', '--json']);
    expect(r.exitCode).toBe(0);
    expect(sb.json(r).employees.map((e: { employeeNumber: string; lastName: string }) => [e.employeeNumber, e.lastName])).toEqual([
      ['1001', 'Tolvansson'],
      ['1002', 'Ekström'],
    ]);
  });
});
