/**
 * Small payroll exports for import tests: a valid base in the JSON shape (docs/import-format.md), ways to
 * write it as payroll.json or as a CSV directory, and the bad-input corpus: each case a
 * broken export and the exact problems (`file:line: field: message`) the import must list.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/cli.js';
import { payrollJsonToCsv, type CsvFileName, type CsvWriterOptions } from './payroll-csv-writer.js';

export type Json = Record<string, any>;

export const FIXTURE_JSON = join(REPO_ROOT, 'fixtures', 'payroll.json');
export const FIXTURE_CSV = join(REPO_ROOT, 'fixtures', 'payroll-csv');

export function fixtureExport(): Json {
  return JSON.parse(readFileSync(FIXTURE_JSON, 'utf8')) as Json;
}

/** Two employees, one final pay run; every figure adds up. */
export function baseExport(): Json {
  return {
    company: { org_number: '556677-8899', name: 'Exempel AB', address: { street: 'Storgatan 1', postal_code: '111 22', city: 'Stockholm' } },
    employees: [
      {
        employee_number: '1001',
        personnummer: '19121212-1212',
        first_name: 'Tolvan',
        last_name: 'Tolvansson',
        address: { street: 'Lillgatan 2', postal_code: '222 33', city: 'Lund' },
        email: null,
        employment_end: null,
      },
      {
        employee_number: '1002',
        personnummer: '19800511-2381',
        first_name: 'Åsa',
        last_name: 'Ekström',
        address: { street: 'Byggvägen 7', postal_code: '224 66', city: 'Lund' },
        email: null,
        employment_end: null,
      },
    ],
    pay_runs: [
      {
        id: '2025-11',
        payout_date: '2025-11-25',
        period_start: '2025-11-01',
        period_end: '2025-11-30',
        status: 'final',
        payslips: [
          {
            employee_number: '1001',
            gross_pay: '32000.00',
            tax: '8450.00',
            net_pay: '23550.00',
            tax_table: '33',
            vacation: { days_remaining: 22, days_used: 3 },
            ytd: { gross_pay: '352000.00', tax: '92950.00' },
            lines: [{ code: '100', text: 'Månadslön', kind: 'gross', quantity: null, unit: null, rate: null, amount: '32000.00' }],
          },
          {
            employee_number: '1002',
            gross_pay: '31623.00',
            tax: '8000.00',
            net_pay: '23123.00',
            tax_table: '33',
            vacation: null,
            ytd: null,
            lines: [
              { code: '100', text: 'Månadslön', kind: 'gross', quantity: null, unit: null, rate: null, amount: '31623.00' },
              { code: '620', text: 'Bilförmån', kind: 'benefit', quantity: null, unit: null, rate: null, amount: '1500.00' },
              { code: '810', text: 'Nettolöneavdrag', kind: 'net', quantity: null, unit: null, rate: null, amount: '-500.00' },
            ],
          },
        ],
      },
    ],
  };
}

export function jsonText(doc: Json): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function writeJsonExport(dir: string, doc: Json, name = 'payroll.json'): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, jsonText(doc));
  return path;
}

export function csvFiles(doc: Json, options: CsvWriterOptions = {}): Record<CsvFileName, string | null> {
  return payrollJsonToCsv(doc, options);
}

export function writeCsvExport(dir: string, files: Record<string, string | null>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) if (text !== null) writeFileSync(join(dir, name), text);
  return dir;
}

/** The 1-based line of the only line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  const found = lines.flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
  if (found.length !== 1) throw new Error(`${JSON.stringify(needle)} is on ${found.length} lines, not 1`);
  return found[0]!;
}

/** A broken export: what to write, and the problem lines expected (paths relative to `dir`). */
export interface BadCase {
  name: string;
  write(dir: string): string;
  /** Exact problems, given the path `sync --from` was called with. */
  problems(from: string): string[];
}

const payslip = (doc: Json, run: number, index: number): Json => doc.pay_runs[run].payslips[index];

/** A JSON case: the base export changed by `change`; problems located by a marker text. */
function jsonCase(name: string, change: (doc: Json) => void, expected: (text: string) => Array<[line: number, rest: string]>): BadCase {
  const doc = baseExport();
  change(doc);
  const text = jsonText(doc);
  return {
    name,
    write: (dir) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'payroll.json'), text);
      return join(dir, 'payroll.json');
    },
    problems: (from) => expected(text).map(([line, rest]) => `${from}:${line}: ${rest}`),
  };
}

/** A CSV case: the base export as CSV with file texts edited; problems per file name. */
function csvCase(
  name: string,
  edit: (files: Record<CsvFileName, string | null>) => void,
  expected: (files: Record<CsvFileName, string | null>) => Array<[file: CsvFileName, line: number | null, rest: string]>,
  options: CsvWriterOptions = { decimalComma: true },
): BadCase {
  const files = csvFiles(baseExport(), options);
  edit(files);
  return {
    name,
    write: (dir) => writeCsvExport(join(dir, 'export'), files),
    problems: (from) => expected(files).map(([file, line, rest]) => `${join(from, file)}${line === null ? '' : `:${line}`}: ${rest}`),
  };
}

export function badCases(): BadCase[] {
  const truncatedText = jsonText(baseExport());
  const cut = truncatedText.slice(0, truncatedText.indexOf('"lines"'));
  return [
    {
      name: 'truncated JSON',
      write: (dir) => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'payroll.json'), cut);
        return join(dir, 'payroll.json');
      },
      problems: (from) => [
        `${from}:${cut.split('\n').length}: pay_runs[0].payslips[0]: expected a quoted key, found the end of the file (is it truncated?)`,
      ],
    },
    jsonCase(
      'missing field',
      (doc) => {
        delete payslip(doc, 0, 1).tax;
        delete doc.employees[0].last_name;
      },
      (text) => [
        [lineOf(text, '"personnummer": "19121212-1212"') - 2, 'employees[0].last_name: missing'],
        [lineOf(text, '"gross_pay": "31623.00"') - 2, 'pay_runs[0].payslips[1].tax: missing'],
      ],
    ),
    csvCase(
      'missing CSV column',
      (files) => {
        const text = files['payslips.csv']!;
        const rows = text.trimEnd().split('\n').map((row) => row.split(','));
        const at = rows[0]!.indexOf('net_pay');
        files['payslips.csv'] = `${rows.map((row) => row.filter((_, index) => index !== at).join(',')).join('\n')}\n`;
      },
      () => [['payslips.csv', 1, 'net_pay: missing column']],
      {},
    ),
    jsonCase(
      'malformed dates',
      (doc) => {
        doc.pay_runs[0].payout_date = '2025-11-31';
        doc.employees[1].employment_end = '25/11/2025';
      },
      (text) => [
        [lineOf(text, '"25/11/2025"'), 'employees[1].employment_end: not a date: "25/11/2025" (expected YYYY-MM-DD, a day that exists)'],
        [lineOf(text, '"2025-11-31"'), 'pay_runs[0].payout_date: not a date: "2025-11-31" (expected YYYY-MM-DD, a day that exists)'],
      ],
    ),
    csvCase(
      'amount written for humans in CSV',
      (files) => {
        files['payslips.csv'] = files['payslips.csv']!.replace('"31623,00"', '"31 623,00 kr"');
      },
      () => [
        [
          'payslips.csv',
          3,
          'gross_pay: not an amount: "31 623,00 kr": currency signs such as "kr" are not accepted; give the number only; thousands separators are not accepted',
        ],
      ],
    ),
    jsonCase(
      'malformed amounts in JSON',
      (doc) => {
        payslip(doc, 0, 0).net_pay = '23550,00';
        payslip(doc, 0, 1).lines[0].amount = 31623.001;
      },
      (text) => [
        [
          lineOf(text, '"23550,00"'),
          'pay_runs[0].payslips[0].net_pay: not an amount: "23550,00": use a decimal point (a decimal comma is accepted only in CSV); thousands separators are not accepted',
        ],
        [lineOf(text, '31623.001'), 'pay_runs[0].payslips[1].lines[0].amount: not an amount: "31623.001": at most 2 decimals are allowed; thousands separators are not accepted'],
      ],
    ),
    jsonCase(
      'unknown employee',
      (doc) => {
        payslip(doc, 0, 1).employee_number = '9999';
      },
      (text) => [[lineOf(text, '"9999"'), 'pay_runs[0].payslips[1].employee_number: unknown employee 9999 (not among the employees)']],
    ),
    csvCase(
      'unknown pay run and a line without a payslip',
      (files) => {
        files['payslips.csv'] = files['payslips.csv']!.replace('\n2025-11,1002,', '\n2025-12,1002,');
        files['payslip_lines.csv'] = `${files['payslip_lines.csv']!}2025-11,1003,100,Månadslön,gross,,,,100\n`;
      },
      (files) => [
        ['payslip_lines.csv', 3, 'employee_number: no payslip for employee "1002" in pay run "2025-11" in payslips.csv'],
        ['payslip_lines.csv', 4, 'employee_number: no payslip for employee "1002" in pay run "2025-11" in payslips.csv'],
        ['payslip_lines.csv', 5, 'employee_number: no payslip for employee "1002" in pay run "2025-11" in payslips.csv'],
        ['payslip_lines.csv', files['payslip_lines.csv']!.trimEnd().split('\n').length, 'employee_number: no payslip for employee "1003" in pay run "2025-11" in payslips.csv'],
        ['payslips.csv', 3, 'pay_run_id: unknown pay run "2025-12" (not in pay_runs.csv)'],
      ],
    ),
    jsonCase(
      'duplicate keys',
      (doc) => {
        doc.employees[1].employee_number = '1001';
        doc.pay_runs.push({ ...doc.pay_runs[0], payslips: [] });
        payslip(doc, 0, 1).employee_number = '1001';
      },
      (text) => {
        const lines = text.split('\n');
        const at = (needle: string, nth: number) => lines.map((l, i) => (l.includes(needle) ? i + 1 : 0)).filter(Boolean)[nth]!;
        return [
          [at('"employee_number": "1001"', 1), `employees[1].employee_number: duplicate employee 1001 (also at line ${at('"employee_number": "1001"', 0) - 1})`],
          [at('"employee_number": "1001"', 3), `pay_runs[0].payslips[1].employee_number: a second payslip for employee 1001 in pay run 2025-11 (the first is at line ${at('"employee_number": "1001"', 2) - 1})`],
          [at('"id": "2025-11"', 1), `pay_runs[1].id: duplicate pay run 2025-11 (also at line ${at('"id": "2025-11"', 0) - 1})`],
        ];
      },
    ),
    {
      name: 'a key given twice in one JSON object',
      write: (dir) => {
        mkdirSync(dir, { recursive: true });
        const text = jsonText(baseExport()).replace('"tax": "8450.00",', '"tax": "8450.00",\n          "tax": "8450.00",');
        writeFileSync(join(dir, 'payroll.json'), text);
        return join(dir, 'payroll.json');
      },
      problems: (from) => {
        const text = jsonText(baseExport());
        return [`${from}:${lineOf(text, '"tax": "8450.00"') + 1}: pay_runs[0].payslips[0].tax: the key appears twice in the same object`];
      },
    },
    jsonCase(
      'figures that do not add up',
      (doc) => {
        payslip(doc, 0, 0).net_pay = '23550.01';
        payslip(doc, 0, 1).lines[0].amount = '31600.00';
      },
      (text) => [
        [lineOf(text, '"23550.01"'), 'pay_runs[0].payslips[0].net_pay: gross_pay - tax + net lines = 32000.00 - 8450.00 + 0.00 = 23550.00, not 23550.01'],
        [lineOf(text, '"gross_pay": "31623.00"'), 'pay_runs[0].payslips[1].gross_pay: the gross lines add up to 31600.00, not 31623.00'],
      ],
    ),
    csvCase(
      'figures that do not add up in CSV (a net line missing)',
      (files) => {
        files['payslip_lines.csv'] = files['payslip_lines.csv']!.replace(/^.*Nettolöneavdrag.*\n/m, '');
      },
      () => [['payslips.csv', 3, 'net_pay: gross_pay - tax + net lines = 31623.00 - 8000.00 + 0.00 = 23623.00, not 23123.00']],
    ),
    jsonCase(
      'control and invisible characters in text',
      (doc) => {
        doc.company.name = 'Exempel AB\u0007';
        doc.employees[0].personnummer = '19121212-1212\u007f';
        doc.employees[0].first_name = 'Tolvan\u001b[2J';
        doc.employees[1].last_name = 'Ekström\nfail';
        doc.employees[1].address.street = 'Byggvägen\u00a07\u202e';
        payslip(doc, 0, 1).lines[1].text = 'Bil\u200bförmån';
      },
      (text) => [
        [lineOf(text, 'Exempel AB'), 'company.name: contains a control character (U+0007 BEL); remove it in the payroll system'],
        [lineOf(text, '19121212-1212'), 'employees[0].personnummer: contains a control character (U+007F DEL); remove it in the payroll system'],
        [lineOf(text, '[2J'), 'employees[0].first_name: contains a control character (U+001B ESC); remove it in the payroll system'],
        [lineOf(text, 'Ekström'), 'employees[1].last_name: contains a line break (U+000A LF); remove it in the payroll system'],
        [lineOf(text, 'Byggvägen'), 'employees[1].address.street: contains an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE); remove it in the payroll system'],
        [lineOf(text, 'förmån'), 'pay_runs[0].payslips[1].lines[1].text: contains an invisible formatting character (U+200B ZERO WIDTH SPACE); remove it in the payroll system'],
      ],
    ),
    csvCase(
      'control characters in CSV cells, a line break in a quoted one',
      (files) => {
        files['company.csv'] = files['company.csv']!.replace('Exempel AB', 'Exempel\tAB');
        files['employees.csv'] = files['employees.csv']!.replace('Tolvan,', 'Tol\u001bvan,').replace('Byggvägen 7', '"Byggvägen 7\nLund"');
        files['payslip_lines.csv'] = files['payslip_lines.csv']!.replace('Bilförmån', 'Bilförmån\u2066');
      },
      () => [
        ['company.csv', 2, 'name: contains a control character (U+0009 TAB); remove it in the payroll system'],
        ['employees.csv', 2, 'first_name: contains a control character (U+001B ESC); remove it in the payroll system'],
        ['employees.csv', 3, 'address_street: contains a line break (U+000A LF); remove it in the payroll system'],
        ['payslip_lines.csv', 4, 'text: contains an invisible formatting character (U+2066 LEFT-TO-RIGHT ISOLATE); remove it in the payroll system'],
      ],
    ),
    jsonCase(
      'text longer than its field accepts',
      (doc) => {
        doc.company.name = '😀'.repeat(201);
        doc.company.email = `${'e'.repeat(244)}@exempel.se`;
        doc.employees[0].personnummer = '1'.repeat(101);
        doc.employees[0].first_name = 'x'.repeat(101);
        doc.employees[1].address.postal_code = `224 66${' '.repeat(15)}`;
        doc.pay_runs[0].id = `2025-11-${'0'.repeat(33)}`;
        payslip(doc, 0, 0).tax_table = '3'.repeat(21);
        payslip(doc, 0, 1).lines[0].unit = 'timmar'.repeat(4);
        payslip(doc, 0, 1).lines[1].code = '6'.repeat(41);
      },
      (text) => [
        [lineOf(text, '😀'), 'company.name: 201 characters; at most 200 are accepted'],
        [lineOf(text, '@exempel.se'), 'company.email: 255 characters; at most 254 are accepted'],
        [lineOf(text, '1'.repeat(101)), 'employees[0].personnummer: 101 characters; at most 100 are accepted'],
        [lineOf(text, 'x'.repeat(101)), 'employees[0].first_name: 101 characters; at most 100 are accepted'],
        [lineOf(text, '"224 66 '), 'employees[1].address.postal_code: 21 characters; at most 20 are accepted'],
        [lineOf(text, '2025-11-000'), 'pay_runs[0].id: 41 characters; at most 40 are accepted'],
        [lineOf(text, '3'.repeat(21)), 'pay_runs[0].payslips[0].tax_table: 21 characters; at most 20 are accepted'],
        [lineOf(text, 'timmar'), 'pay_runs[0].payslips[1].lines[0].unit: 24 characters; at most 20 are accepted'],
        [lineOf(text, '6'.repeat(41)), 'pay_runs[0].payslips[1].lines[1].code: 41 characters; at most 40 are accepted'],
      ],
    ),
    jsonCase(
      'a payslip of more lines than accepted',
      (doc) => {
        payslip(doc, 0, 0).lines = Array.from({ length: 501 }, () => ({ text: 'Timlön', amount: '0.00' }));
      },
      (text) => [[text.split('\n').findIndex((line) => line.includes('"lines": [')) + 1, 'pay_runs[0].payslips[0].lines: 501 lines; at most 500 are accepted']],
    ),
    csvCase(
      'text too long in a CSV cell, and a payslip of too many lines',
      (files) => {
        files['employees.csv'] = files['employees.csv']!.replace(',Lund,', `,${'L'.repeat(101)},`);
        files['payslip_lines.csv'] = files['payslip_lines.csv']! + '2025-11,1001,100,Timlön,gross,,,,"0,00"\n'.repeat(500);
      },
      () => [
        ['employees.csv', 2, 'address_city: 101 characters; at most 100 are accepted'],
        ['payslips.csv', 2, 'lines: 501 lines; at most 500 are accepted'],
      ],
    ),
    csvCase(
      'a missing CSV file',
      (files) => {
        files['payslip_lines.csv'] = null;
      },
      () => [
        ['payslip_lines.csv', null, 'missing: a CSV export needs employees.csv, pay_runs.csv, payslips.csv and payslip_lines.csv (company.csv is optional)'],
      ],
    ),
  ];
}

/** Several kinds of problem in one file: all of them are listed, in file order. */
export function manyProblemsCase(): BadCase {
  return jsonCase(
    'many problems at once',
    (doc) => {
      doc.employees[0].first_name = '';
      doc.pay_runs[0].status = 'draft';
      payslip(doc, 0, 0).tax = '8 450,00';
      payslip(doc, 0, 1).employee_number = '1003';
      payslip(doc, 0, 1).lines[1].kind = 'perk';
    },
    (text) => [
      [lineOf(text, '"first_name": ""'), 'employees[0].first_name: missing'],
      [lineOf(text, '"draft"'), 'pay_runs[0].status: unknown status "draft" (use preliminary, final)'],
      [lineOf(text, '"8 450,00"'), 'pay_runs[0].payslips[0].tax: not an amount: "8 450,00": thousands separators are not accepted'],
      [lineOf(text, '"1003"'), 'pay_runs[0].payslips[1].employee_number: unknown employee 1003 (not among the employees)'],
      [lineOf(text, '"perk"'), 'pay_runs[0].payslips[1].lines[1].kind: unknown kind "perk" (use gross, benefit, net)'],
    ],
  );
}
