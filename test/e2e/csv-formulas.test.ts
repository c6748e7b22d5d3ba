import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localMonthEnd, parseCsv, SSN, type MonthEnd } from '../helpers/month-end.js';

/**
 * Names from a careless or hostile payroll export that a spreadsheet would run as formulas
 * (OWASP "CSV Injection") arrive in every CSV the tool writes as text: a leading `'`,
 * nothing else changed, while job ids, attempts and page numbers stay numbers.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const HYPERLINK = '=HYPERLINK("http://evil","x")';
const CALC = "+cmd|' /C calc'!A0";
const NAMES: Record<string, { first: string; last: string; street?: string }> = {
  '1001': { first: '@SUM(1)', last: 'Ekström' }, // kivra
  '1002': { first: '-2+3', last: 'Öberg' }, // kivra
  '1003': { first: HYPERLINK, last: CALC, street: '=1+1' }, // print
  '1004': { first: CALC, last: 'Sjöström' }, // print
};
const fullName = (n: string): string => `${NAMES[n]!.first} ${NAMES[n]!.last}`;

let sb: MonthEnd;
let manifestPath: string;
beforeAll(async () => {
  sb = await localMonthEnd({
    edit: (payroll) => {
      for (const employee of payroll.employees) {
        const name = NAMES[employee.employee_number];
        if (!name) continue;
        employee.first_name = name.first;
        employee.last_name = name.last;
        if (name.street) (employee.address as { street: string }).street = name.street;
      }
    },
  });
  const sent = await sb.run(['send', '--date', '2025-11-25', '--yes']);
  if (sent.exitCode !== 3) throw new Error(`send exited ${sent.exitCode}: ${String(sent.stderr)}`);
  const job = sb.json(await sb.run(['log', '--json'])).jobs[0] as { printBatches: Array<{ manifest: string }> };
  manifestPath = job.printBatches[0]!.manifest;
});
afterAll(() => sb?.cleanup());

/** Every cell of every row: none may start a formula. */
function expectNoFormula(rows: string[][]): void {
  for (const row of rows) for (const cell of row) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(FORMULA_START);
}

describe('formulas in names', () => {
  test('log --csv: each such name is text behind one quote; numbers and personnummer are as they were', async () => {
    const r = await sb.run(['log', '1', '--csv']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const text = String(r.stdout);
    const rows = parseCsv(text);
    expectNoFormula(rows);
    const byNumber = new Map(rows.slice(1).map((row) => [row[1]!, row]));
    for (const n of Object.keys(NAMES)) expect(byNumber.get(n)![2]).toBe(`'${fullName(n)}`);
    expect(byNumber.get('1001')).toMatchObject({ 0: '1', 3: SSN['1001'], 10: '1' });
    expect(byNumber.get('1003')).toMatchObject({ 0: '1', 3: SSN['1003'], 8: 'printed', 10: '0' });
    // On the wire: the numbers unquoted, the quoted formula text doubled as RFC 4180 says.
    expect(text).toContain(`\r\n1,1003,"'=HYPERLINK(""http://evil"",""x"") ${CALC}",${SSN['1003']},`);
    expect(text).toContain(`\r\n1,1002,'-2+3 Öberg,${SSN['1002']},`);
    expect(text).toMatch(/\r\n1,1001,'@SUM\(1\) Ekström,198005112381,2025-11,2025-11-25,final,kivra,delivered,\w+,1,,,\d{4}-/);
  });

  test('log --csv --excel: the same names, semicolon-separated', async () => {
    const file = join(sb.dir, 'utskick-1.csv');
    const r = await sb.run(['log', '1', '--csv', file, '--excel']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text, ';');
    expectNoFormula(rows);
    const plain = parseCsv(String((await sb.run(['log', '1', '--csv'])).stdout));
    expect(rows.map((row) => row[2])).toEqual(plain.map((row) => row[2]).with(0, 'Name'));
    expect(text).toContain(`\r\n1;1004;'${CALC} Sjöström;${SSN['1004'].slice(0, 8)}-${SSN['1004'].slice(8)};`);
  });

  test('print manifest: names and addresses as text, page numbers as numbers', () => {
    const text = readFileSync(manifestPath, 'utf8');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['employee_number', 'name', 'address', 'first_page', 'pages', 'pay_run', 'blank_pages_after']);
    expectNoFormula(rows);
    const byNumber = new Map(rows.slice(1).map((row) => [row[0]!, row]));
    const page = expect.stringMatching(/^\d+$/);
    expect(byNumber.get('1003')).toEqual(['1003', `'${fullName('1003')}`, "'=1+1, 211 42 Malmö", page, page, '2025-11', page]);
    expect(byNumber.get('1004')).toEqual(['1004', `'${fullName('1004')}`, 'Ängsvägen 3, 237 32 Bjärred', page, page, '2025-11', page]);
    // Page numbers are numbers: the two payslips fill the batch one after the other, each
    // followed by its blank pages for two-sided printing.
    const placed = [...byNumber.values()].map((row) => [Number(row[3]), Number(row[4]), Number(row[6])] as const).sort((a, b) => a[0] - b[0]);
    expect(placed.map(([firstPage]) => firstPage)).toEqual([1, 1 + placed[0]![1] + placed[0]![2]]);
    expect(text).toMatch(/\r\n1003,"'=HYPERLINK\(""http:\/\/evil"",""x""\) \+cmd\|' \/C calc'!A0","'=1\+1, 211 42 Malmö",\d+,\d+,2025-11,\d+\r\n/);
  });
});
