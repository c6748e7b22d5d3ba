/**
 * Writes a payroll export in the JSON shape (docs/import-format.md) as the CSV directory form, the way
 * a Swedish spreadsheet would: optionally with decimal commas, `ja`/`nej`, CRLF and a
 * byte-order mark. Used to build fixtures/payroll-csv/ and CSV variants of test cases.
 */

export interface CsvWriterOptions {
  decimalComma?: boolean;
  booleanWords?: readonly [yes: string, no: string];
  lineEnding?: '\n' | '\r\n';
  bom?: boolean;
}

type Json = Record<string, unknown>;

export const CSV_COLUMNS = {
  'company.csv': ['org_number', 'name', 'address_street', 'address_postal_code', 'address_city', 'email', 'phone'],
  'employees.csv': [
    'employee_number',
    'personnummer',
    'first_name',
    'last_name',
    'address_street',
    'address_postal_code',
    'address_city',
    'email',
    'employment_end',
    'kivra',
    'print',
  ],
  'pay_runs.csv': ['id', 'payout_date', 'period_start', 'period_end', 'status'],
  'payslips.csv': [
    'pay_run_id',
    'employee_number',
    'gross_pay',
    'tax',
    'net_pay',
    'tax_table',
    'vacation_days_remaining',
    'vacation_days_used',
    'ytd_gross_pay',
    'ytd_tax',
  ],
  'payslip_lines.csv': ['pay_run_id', 'employee_number', 'code', 'text', 'kind', 'quantity', 'unit', 'rate', 'amount'],
} as const;

export type CsvFileName = keyof typeof CSV_COLUMNS;

/** Columns whose values are numbers in the export, written with a decimal comma on request. */
const NUMERIC = new Set([
  'gross_pay',
  'tax',
  'net_pay',
  'vacation_days_remaining',
  'vacation_days_used',
  'ytd_gross_pay',
  'ytd_tax',
  'quantity',
  'rate',
  'amount',
]);

export function payrollJsonToCsv(doc: Json, options: CsvWriterOptions = {}): Record<CsvFileName, string | null> {
  const rows: Record<CsvFileName, Json[]> = {
    'company.csv': doc.company ? [flatten(doc.company as Json)] : [],
    'employees.csv': (doc.employees as Json[]).map((employee) => flatten(employee)),
    'pay_runs.csv': [],
    'payslips.csv': [],
    'payslip_lines.csv': [],
  };
  for (const run of doc.pay_runs as Json[]) {
    rows['pay_runs.csv'].push(flatten(run, ['payslips']));
    for (const payslip of run.payslips as Json[]) {
      rows['payslips.csv'].push({ pay_run_id: run.id, ...flatten(payslip, ['lines']) });
      for (const line of payslip.lines as Json[]) {
        rows['payslip_lines.csv'].push({ pay_run_id: run.id, employee_number: payslip.employee_number, ...line });
      }
    }
  }
  const files = {} as Record<CsvFileName, string | null>;
  for (const name of Object.keys(CSV_COLUMNS) as CsvFileName[]) {
    files[name] = name === 'company.csv' && !doc.company ? null : writeCsv(CSV_COLUMNS[name], rows[name], options);
  }
  return files;
}

function flatten(record: Json, omit: readonly string[] = []): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(record)) {
    if (omit.includes(key)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value as Json)) out[`${key}_${inner}`] = innerValue;
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function writeCsv(columns: readonly string[], rows: readonly Json[], options: CsvWriterOptions = {}): string {
  const eol = options.lineEnding ?? '\n';
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => cell(column, row[column], options)).join(','))];
  return `${options.bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`;
}

function cell(column: string, value: unknown, options: CsvWriterOptions): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'boolean') {
    const [yes, no] = options.booleanWords ?? ['true', 'false'];
    text = value ? yes : no;
  } else {
    text = String(value);
    if (options.decimalComma && NUMERIC.has(column)) text = text.replace('.', ',');
  }
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
