import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { assembleCsvExport, CSV_FILE_NAMES, type CsvExportFiles, type CsvFileKey } from '../../src/import/csv-export.js';
import { fieldChecks, Invalid, type Check } from '../../src/import/fields.js';
import { orgNumberProblemText } from '../../src/i18n/data.js';
import { HIDDEN_CHARACTER_RANGES, TEXT_LIMITS } from '../../src/domain/text.js';
import { createSandbox, REPO_ROOT, type Sandbox } from '../helpers/cli.js';
import { baseExport, FIXTURE_CSV, FIXTURE_JSON, type Json } from '../import/support/exports.js';

/**
 * docs/payroll-export.schema.json and docs/import-format.md against the importer, so that
 * neither drifts from what `payslips sync` does without a test failing:
 * - the schema compiles in Ajv's strict mode and accepts both fixtures and the examples in
 *   the documentation, which the built CLI imports too;
 * - every broken export in the table is refused by both the schema and `sync` (exit 2), at
 *   the same field, and every odd-but-valid one is accepted by both;
 * - the schema's value definitions accept exactly the values the importer's field checks
 *   do (a property test, in-process).
 */

const SCHEMA_PATH = join(REPO_ROOT, 'docs', 'payroll-export.schema.json');
const DOC_PATH = join(REPO_ROOT, 'docs', 'import-format.md');
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Json;

/**
 * As docs/import-format.md tells integrators to set it up. multipleOfPrecision: Ajv checks
 * `multipleOf: 0.01` by dividing binary floats, which without a tolerance refuses about one
 * amount in eight that has two decimals (0.29 / 0.01 = 28.999999999999996).
 */
function newAjv(): Ajv2020 {
  return new Ajv2020({ strict: true, allErrors: true, multipleOfPrecision: 4 });
}
const ajv = newAjv();
ajv.addSchema(schema);
const validate = ajv.getSchema(schema.$id as string)!;
const definition = (name: string) => ajv.getSchema(`${schema.$id as string}#/$defs/${name}`)!;

/** Ajv's error locations as the importer names fields: `/pay_runs/0/tax` → `pay_runs[0].tax`; a missing property is named too. */
function fieldsOf(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const parts = error.instancePath
      .split('/')
      .slice(1)
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
    if (error.keyword === 'required') parts.push(String((error.params as { missingProperty: string }).missingProperty));
    return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '');
  });
}

function schemaFields(doc: unknown): string[] {
  return validate(doc) ? [] : fieldsOf(validate.errors);
}

/** The ```json block after `<!-- example: NAME -->` in the documentation. */
function docExamples(): Map<string, Json> {
  const text = readFileSync(DOC_PATH, 'utf8');
  const examples = new Map<string, Json>();
  for (const match of text.matchAll(/<!-- example: ([\w-]+) -->\r?\n```json\r?\n([\s\S]*?)\r?\n```/g)) {
    examples.set(match[1]!, JSON.parse(match[2]!) as Json);
  }
  return examples;
}

/**
 * CSV cells are text, and two CSV-only forms have a different JSON form: the decimal
 * comma (`"3250,00"`) and yes/no words (`ja`, `nej`, `1`, ...). Everything else is
 * validated as the importer assembled it, so the schema also checks the column names.
 */
const CSV_NUMBER_FIELDS = new Set(['gross_pay', 'tax', 'net_pay', 'amount', 'rate', 'quantity', 'days_remaining', 'days_used']);
const CSV_FLAG_FIELDS = new Set(['kivra', 'print']);
const CSV_BOOLEANS = new Map([
  ['true', true], ['false', false], ['1', true], ['0', false], ['yes', true], ['no', false], ['ja', true], ['nej', false],
]);

function csvCellsAsJson(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => csvCellsAsJson(item));
  if (typeof value === 'object' && value !== null) {
    // An empty cell is undefined, which in JSON is a field left out.
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== undefined)
        .map(([name, inner]) => [name, csvCellsAsJson(inner, name)]),
    );
  }
  if (typeof value !== 'string') return value;
  if (CSV_FLAG_FIELDS.has(key)) return CSV_BOOLEANS.get(value.trim().toLowerCase()) ?? value;
  if (CSV_NUMBER_FIELDS.has(key)) return value.replace(/^(\s*-?\d+),(\d+\s*)$/, '$1.$2');
  return value;
}

function fixtureCsvAsJson(): unknown {
  const files = Object.fromEntries(
    (Object.keys(CSV_FILE_NAMES) as CsvFileKey[]).map((key) => {
      const path = join(FIXTURE_CSV, CSV_FILE_NAMES[key]);
      return [key, { path, text: readFileSync(path, 'utf8') }];
    }),
  ) as CsvExportFiles;
  const assembled = assembleCsvExport(files);
  expect(assembled.problems).toEqual([]);
  return csvCellsAsJson(assembled.raw);
}

const sandboxes: Sandbox[] = [];
afterAll(() => {
  for (const sb of sandboxes.splice(0)) sb.cleanup();
});

/** `sync --offline --json` of `doc` written as payroll.json, into a database of its own. */
async function sync(doc: unknown): Promise<{ exitCode: number | undefined; out: Json; stderr: string }> {
  const sb = createSandbox();
  sandboxes.push(sb);
  const from = join(sb.dir, 'payroll.json');
  writeFileSync(from, `${JSON.stringify(doc, null, 2)}\n`);
  const r = await sb.run(['sync', '--offline', '--json', '--from', from]);
  return { exitCode: r.exitCode, out: JSON.parse(String(r.stdout)) as Json, stderr: String(r.stderr) };
}

describe('the schema', () => {
  test('compiles in Ajv strict mode, as docs/import-format.md shows', () => {
    expect(() => newAjv().compile(schema)).not.toThrow();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  test('accepts fixtures/payroll.json', () => {
    expect(schemaFields(JSON.parse(readFileSync(FIXTURE_JSON, 'utf8')))).toEqual([]);
  });

  test('accepts fixtures/payroll-csv/, assembled into the JSON shape by the importer', () => {
    const doc = fixtureCsvAsJson() as Json;
    expect(schemaFields(doc)).toEqual([]);
    expect([doc.employees.length, doc.pay_runs.length]).toEqual([10, 3]);
    // The conversion did something: the CSV's ja/nej and decimal commas are JSON's now.
    expect(doc.employees.find((e: Json) => e.employee_number === '1010').kivra).toBe(false);
    expect(doc.pay_runs[0].payslips[0].tax).toBe('12943.00');
  });

  test("refuses exactly the importer's control and invisible formatting characters in text (src/domain/text.ts)", () => {
    const unit = (code: number): string => `\\u${code.toString(16).padStart(4, '0')}`;
    const hidden = HIDDEN_CHARACTER_RANGES.map(([from, to]) => (from === to ? unit(from) : `${unit(from)}-${unit(to)}`)).join('');
    expect(schema.$defs.text.pattern).toBe(`^[^${hidden}\\S]*[^${hidden}\\s][^${hidden}]*$`);
  });

  test('cannot check what sync checks across records: those exports pass it', () => {
    const unknownEmployee = baseExport();
    unknownEmployee.pay_runs[0].payslips[1].employee_number = '9999';
    const figures = baseExport();
    figures.pay_runs[0].payslips[0].net_pay = '23550.01';
    const checksum = baseExport();
    checksum.company.org_number = '556677-8898';
    for (const doc of [unknownEmployee, figures, checksum]) expect(schemaFields(doc)).toEqual([]);
  });
});

describe('the examples in docs/import-format.md', () => {
  const examples = docExamples();

  test('there is a minimal and a full example', () => {
    expect([...examples.keys()].sort()).toEqual(['full', 'minimal']);
  });

  describe.concurrent.each(['minimal', 'full'])('%s', (name) => {
    test('passes the schema and imports with sync, exit 0 and no warnings', async ({ expect }) => {
      const doc = examples.get(name);
      expect(doc).toBeDefined();
      expect(schemaFields(doc)).toEqual([]);
      const r = await sync(doc);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.out.warnings).toEqual([]);
    });
  });
});

interface Case {
  name: string;
  /** Changes the base export in place. */
  change: (doc: Json) => void;
  /** The field both the schema and sync name, as sync writes it; '' for the whole export. */
  field: string;
  /** The export is the base export inside a list. */
  wrap?: true;
}

const payslip = (doc: Json, index = 0): Json => doc.pay_runs[0].payslips[index];

/** One mistake each, in the base export of test/import/support/exports.ts. */
const BROKEN: Case[] = [
  { name: 'a required field left out', field: 'employees[0].last_name', change: (d) => delete d.employees[0].last_name },
  { name: 'a required field null', field: 'pay_runs[0].payslips[1].tax', change: (d) => (payslip(d, 1).tax = null) },
  { name: 'a required text blank', field: 'employees[1].first_name', change: (d) => (d.employees[1].first_name = '  ') },
  { name: 'a day that does not exist', field: 'pay_runs[0].payout_date', change: (d) => (d.pay_runs[0].payout_date = '2025-11-31') },
  { name: 'a date written the Swedish way', field: 'employees[0].employment_end', change: (d) => (d.employees[0].employment_end = '30/11/2025') },
  { name: 'an amount with three decimals', field: 'pay_runs[0].payslips[0].tax', change: (d) => (payslip(d).tax = '8450.005') },
  { name: 'an amount with three decimals, as a number', field: 'pay_runs[0].payslips[0].lines[0].amount', change: (d) => (payslip(d).lines[0].amount = 32000.001) },
  { name: 'a thousands separator', field: 'pay_runs[0].payslips[0].gross_pay', change: (d) => (payslip(d).gross_pay = '32 000.00') },
  { name: 'a decimal comma in JSON', field: 'pay_runs[0].payslips[0].net_pay', change: (d) => (payslip(d).net_pay = '23550,00') },
  { name: 'kronor written out', field: 'pay_runs[0].payslips[1].gross_pay', change: (d) => (payslip(d, 1).gross_pay = '31623 kr') },
  { name: 'an amount of ten digits', field: 'pay_runs[0].payslips[0].ytd.gross_pay', change: (d) => (payslip(d).ytd.gross_pay = 1_000_000_000) },
  { name: 'a quantity with three decimals', field: 'pay_runs[0].payslips[1].lines[0].quantity', change: (d) => (payslip(d, 1).lines[0].quantity = '1.125') },
  { name: 'vacation days of seven digits', field: 'pay_runs[0].payslips[0].vacation.days_remaining', change: (d) => (payslip(d).vacation.days_remaining = 1_000_000) },
  { name: 'an unknown status', field: 'pay_runs[0].status', change: (d) => (d.pay_runs[0].status = 'definitiv') },
  { name: 'a status in capitals', field: 'pay_runs[0].status', change: (d) => (d.pay_runs[0].status = 'Final') },
  { name: 'an unknown line kind', field: 'pay_runs[0].payslips[1].lines[1].kind', change: (d) => (payslip(d, 1).lines[1].kind = 'förmån') },
  { name: 'an amount that is true', field: 'pay_runs[0].payslips[0].gross_pay', change: (d) => (payslip(d).gross_pay = true) },
  { name: 'an employee number with decimals', field: 'pay_runs[0].payslips[0].employee_number', change: (d) => (payslip(d).employee_number = 1001.5) },
  { name: 'lines that are not a list', field: 'pay_runs[0].payslips[0].lines', change: (d) => (payslip(d).lines = payslip(d).lines[0]) },
  { name: 'a pay run without payslips', field: 'pay_runs[0].payslips', change: (d) => delete d.pay_runs[0].payslips },
  { name: 'a yes/no word for a flag (CSV only)', field: 'employees[0].kivra', change: (d) => (d.employees[0].kivra = 'ja') },
  { name: 'a personnummer of another type', field: 'employees[0].personnummer', change: (d) => (d.employees[0].personnummer = true) },
  { name: 'an address that is a list', field: 'employees[1].address', change: (d) => (d.employees[1].address = ['Byggvägen 7', '224 66 Lund']) },
  { name: 'an organisationsnummer of nine digits', field: 'company.org_number', change: (d) => (d.company.org_number = '556677-889') },
  { name: 'the export as a list', field: '', change: () => {}, wrap: true },
  { name: 'an escape sequence in a name', field: 'employees[0].first_name', change: (d) => (d.employees[0].first_name = 'Tolvan\u001b[8m') },
  { name: 'a line break in a street', field: 'employees[1].address.street', change: (d) => (d.employees[1].address.street = 'Byggvägen 7\r\nLund') },
  { name: 'a bidi override in a line text', field: 'pay_runs[0].payslips[1].lines[0].text', change: (d) => (payslip(d, 1).lines[0].text = '\u202eMånadslön') },
  { name: 'a C1 control in a pay run id', field: 'pay_runs[0].id', change: (d) => (d.pay_runs[0].id = '2025-11\u009b') },
  { name: 'a tab inside an organisationsnummer', field: 'company.org_number', change: (d) => (d.company.org_number = '556677-8899\t') },
  { name: 'a name of 101 characters', field: 'employees[1].last_name', change: (d) => (d.employees[1].last_name = 'Ekström'.padEnd(101, 'x')) },
  { name: 'a personnummer of 101 characters', field: 'employees[0].personnummer', change: (d) => (d.employees[0].personnummer = ' '.repeat(88) + '19121212-1212') },
  { name: 'a payslip of 501 lines', field: 'pay_runs[0].payslips[0].lines', change: (d) => (payslip(d).lines = Array.from({ length: 501 }, () => ({ text: 'Timlön', amount: 0 }))) },
];

/** Odd but valid: both must accept these, or the schema is stricter than sync. */
const ACCEPTED: Array<Omit<Case, 'field'>> = [
  {
    name: 'unknown fields anywhere',
    change: (d) => {
      d.exported_by = 'Lönesystemet 7.2';
      d.employees[0].department = 'Bygg';
      payslip(d).lines[0].account = 7010;
    },
  },
  {
    name: 'amounts as JSON numbers, with öre',
    change: (d) => {
      Object.assign(payslip(d), { gross_pay: 32000.29, tax: 8450, net_pay: 23550.29 });
      payslip(d).lines.push({ text: 'Fyllnadslön', amount: 0.29 });
    },
  },
  {
    name: 'identifiers as JSON integers',
    change: (d) => {
      d.company.org_number = 5566778899;
      d.employees[0].employee_number = 1001;
      d.employees[0].personnummer = 191212121212;
      Object.assign(payslip(d), { employee_number: 1001, tax_table: 33 });
      payslip(d).lines[0].code = 100;
      d.pay_runs[0].id = 202511;
    },
  },
  {
    name: 'whitespace around dates, amounts, status and kind',
    change: (d) => {
      d.pay_runs[0].payout_date = ' 2025-11-25 ';
      d.pay_runs[0].status = 'final ';
      payslip(d).tax = ' 8450.00';
      payslip(d, 1).lines[1].kind = ' benefit';
    },
  },
  {
    name: 'blank strings and nulls for optional values',
    change: (d) => {
      Object.assign(d.employees[0], { kivra: '', print: null, employment_end: '', email: '' });
      Object.assign(payslip(d).lines[0], { kind: '', quantity: '', rate: null, code: '' });
      Object.assign(payslip(d), { tax_table: '', vacation: { days_remaining: '', days_used: null }, ytd: { gross_pay: null, tax: '' } });
    },
  },
  { name: 'an organisationsnummer with the 16 prefix', change: (d) => (d.company.org_number = '16556677-8899') },
  {
    name: 'text at its caps, counted in characters, and letters of any script',
    change: (d) => {
      d.employees[0].first_name = '😀'.repeat(100);
      d.employees[0].last_name = 'Åström-Ødegård Nguyễn Đức 李'.padEnd(100, 'ä');
      d.company.name = `Exempel\u00a0AB ${'x'.repeat(189)}`;
      d.employees[1].address.postal_code = '224 66'.padEnd(20, ' ');
      payslip(d).lines[0].code = '1'.repeat(40);
    },
  },
  {
    name: 'a payslip of 500 lines',
    change: (d) => {
      payslip(d).lines = Array.from({ length: 500 }, (_, index) => ({ text: 'Timlön', amount: index === 0 ? 32000 : 0 }));
    },
  },
  { name: 'a personnummer that is not one: a warning, not a refusal', change: (d) => (d.employees[1].personnummer = '1980-05-11') },
  {
    name: 'leap days: 29 February 2028 and 2000',
    change: (d) => {
      d.employees[0].employment_end = '2028-02-29';
      d.employees[1].employment_end = '2000-02-29';
    },
  },
];

describe.concurrent('schema and sync agree on broken exports: both refuse, at the same field', () => {
  test.for(BROKEN)('$name', async ({ change, field, wrap }, { expect }) => {
    const doc = baseExport();
    change(doc);
    const broken: unknown = wrap ? [doc] : doc;
    expect(schemaFields(broken)).toContain(field);
    const r = await sync(broken);
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.out.error.code).toBe('invalid_import');
    const details = r.out.error.details as string[];
    expect(details.some((line) => (field === '' ? /^[^:]+:\d+: the export must be/.test(line) : line.includes(`: ${field}: `))), details.join('\n')).toBe(true);
  });
});

describe.concurrent('schema and sync agree on odd but valid exports: both accept', () => {
  test.for(ACCEPTED)('$name', async ({ change }, { expect }) => {
    const doc = baseExport();
    change(doc);
    expect(schemaFields(doc)).toEqual([]);
    const r = await sync(doc);
    expect(r.exitCode, r.stderr).toBe(0);
  });
});

describe("the schema's values are the importer's (JSON field checks, in-process)", () => {
  const f = fieldChecks('json');
  const accepts =
    <T>(check: Check<T>) =>
    (value: unknown): boolean =>
      !(check(value) instanceof Invalid);
  const PAIRS: Array<[definition: string, importer: (value: unknown) => boolean]> = [
    ['personName', accepts(f.personName)],
    ['companyName', accepts(f.companyName)],
    ['lineText', accepts(f.lineText)],
    ['street', accepts(f.street)],
    ['postalCode', accepts(f.postalCode)],
    ['city', accepts(f.city)],
    ['email', accepts(f.email)],
    ['phone', accepts(f.phone)],
    ['unit', accepts(f.unit)],
    ['employeeNumber', accepts(f.employeeNumber)],
    ['payRunId', accepts(f.payRunId)],
    ['lineCode', accepts(f.lineCode)],
    ['taxTable', accepts(f.taxTable)],
    ['date', accepts(f.requiredDate)],
    ['optionalDate', accepts(f.optionalDate)],
    ['amount', accepts(f.requiredMoney)],
    ['optionalAmount', accepts(f.optionalMoney)],
    ['optionalDecimal', accepts(f.optionalDecimal)],
    ['flag', accepts(f.optionalBoolean)],
    ['status', accepts(f.payRunStatus)],
    ['lineKind', accepts(f.lineKind)],
    ['personnummer', accepts(f.personnummerInput)],
    // The shape only: a check digit is beyond JSON Schema.
    [
      'orgNumber',
      (value) => {
        const result = f.orgNumber(value);
        return (
          !(result instanceof Invalid) ||
          result.message.startsWith(orgNumberProblemText('checksum')) ||
          result.message.startsWith(orgNumberProblemText('not_an_organisation'))
        );
      },
    ],
  ];

  const pieces = [
    '0', '1', '2', '5', '9', '00', '12', '29', '30', '31', '16', '2025', '0000', '556677', '8899', '-', '+', '.', ',', ':-',
    ' ', '\t', '\n', '\u00a0', '\u200b', 'e', 'E', 'kr', 'a', 'final', 'preliminary', 'gross', 'benefit', 'net', 'Final', '-02-29', '-11-', '-13-',
    // Control and invisible formatting characters, and the whitespace beside them that trim() removes.
    '\u001b', '\u0007', '\u0000', '\r', '\u007f', '\u0085', '\u009b', '\u00ad', '\u061c', '\u202e', '\u2066', '\u2069', '\u2028', '\ufeff', '\u3000', 'Åsa',
  ];
  // Text around each cap, in letters of one and two UTF-16 units: a cap counts characters.
  const nearCap = fc
    .tuple(fc.constantFrom(...new Set(Object.values(TEXT_LIMITS))), fc.integer({ min: -1, max: 1 }), fc.constantFrom('x', 'ö', '😀', ' '), fc.constantFrom('', ' ', 'a', '\u202e'))
    .map(([cap, off, letter, end]) => `${letter.repeat(cap + off - end.length)}${end}`);
  const text = fc.oneof(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join('')), nearCap);
  const date = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.constantFrom('', ' ', '\t'))
    .map(([y, m, d, pad]) => `${pad}${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${pad}`);
  const decimalText = fc
    .tuple(fc.constantFrom('', '-', '+'), fc.constantFrom('', '0', '00'), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.constantFrom('', '.', '.5', '.05', '.50', '.505', ',5'), fc.constantFrom('', ' '))
    .map(([sign, zeros, digits, fraction, pad]) => `${pad}${sign}${zeros}${digits}${fraction}${pad}`);
  // Numbers of up to three decimals, the way JSON.parse gives them; far smaller fractions
  // (1e-7) are where Ajv's multipleOf tolerance lets through what sync refuses.
  const number = fc.oneof(
    fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((n) => Number(n) / 100),
    fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((n) => Number(n) / 1000),
    fc.maxSafeInteger(),
    fc.constantFrom(0.29, 1776.6, 999_999.99, 1_000_000, 999_999_999.99, 1_000_000_000, 5_566_778_899, 165_566_778_899, 2 ** 53 - 1, 2 ** 53, 1e21, -0),
  );
  const value = fc.oneof(text, date, decimalText, number, fc.constantFrom<unknown>(null, true, false, '', {}, [], ['final'], { street: 'x' }));

  test('every value is accepted by both or by neither', () => {
    fc.assert(
      fc.property(value, (candidate) => {
        for (const [name, importer] of PAIRS) {
          expect({ definition: name, value: candidate, schema: definition(name)(candidate) }).toEqual({ definition: name, value: candidate, schema: importer(candidate) });
        }
      }),
      { numRuns: 3000 },
    );
  });
});
