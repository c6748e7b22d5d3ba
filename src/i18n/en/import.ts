/**
 * What the import says about a payroll export: every problem that refuses it and every
 * warning about one employee. The where (file, line, field) is put in front by
 * import/problems.ts; field and file names are the export's own words (`net_pay`,
 * `payslips.csv`) and stay as they are in both languages.
 */
export const importMessages = {
  /** `payroll.json:14: pay_runs[0].payslips[0].net_pay: not an amount …` */
  problemAt: (where: string, field: string, message: string) => (field === '' ? `${where}: ${message}` : `${where}: ${field}: ${message}`),
  /** `employees.csv:9: employee 1008: personnummer: missing …` */
  warningAt: (where: string, employeeNumber: string, field: string, message: string) => `${where}: employee ${employeeNumber}: ${field}: ${message}`,
  /** A line number that is not known. */
  unknownLine: '?',

  // Single values.
  missing: 'missing',
  typeName: { list: 'a list', null: 'null', object: 'an object', string: 'a string', number: 'a number', boolean: 'a boolean', other: 'something else' },
  mustBeText: (type: string) => `must be text, not ${type}`,
  removeInPayrollSystem: (problem: string) => `${problem}; remove it in the payroll system`,
  notADate: (value: string) => `not a date: ${value} (expected YYYY-MM-DD, a day that exists)`,
  notAnAmountType: (type: string) => `not an amount: must be a number or decimal text, not ${type}`,
  notAnAmount: (value: string, why: string) => `not an amount: ${value}: ${why}`,
  notANumberType: (type: string) => `not a number: must be a number or decimal text, not ${type}`,
  notANumber: (value: string, why: string) => `not a number: ${value}: ${why}`,
  notYesNo: (value: string) => `not a yes/no value: ${value} (use true/false, 1/0, yes/no or ja/nej)`,
  mustBeBoolean: (type: string) => `must be true or false, not ${type}`,
  /** `unknown status "klar" (use preliminary, final)`: `what` is the export's field name. */
  unknownValue: (what: string, value: string, choices: string) => `unknown ${what} ${value} (use ${choices})`,
  orgNumber: (problem: string, value: string) => `${problem}: ${value}`,

  // Records.
  mustBeObject: 'must be an object',
  mustBeAddress: 'must be an object with street, postal_code and city',
  mustBeList: 'must be a list',
  tooManyLines: (lines: number, max: number) => `${lines} lines; at most ${max} are accepted`,
  exportNotObject: 'the export must be a JSON object with "employees" and "pay_runs"',
  duplicateEmployee: (employeeNumber: string, line: string) => `duplicate employee ${employeeNumber} (also at line ${line})`,
  unknownEmployee: (employeeNumber: string) => `unknown employee ${employeeNumber} (not among the employees)`,
  duplicatePayRun: (payRun: string, line: string) => `duplicate pay run ${payRun} (also at line ${line})`,
  periodEndsBeforeStart: (end: string, start: string) => `the period ends (${end}) before it starts (${start})`,
  secondPayslip: (employeeNumber: string, payRun: string, line: string) => `a second payslip for employee ${employeeNumber} in pay run ${payRun} (the first is at line ${line})`,
  grossLines: (sum: string, grossPay: string) => `the gross lines add up to ${sum}, not ${grossPay}`,
  netPay: (grossPay: string, tax: string, netLines: string, expected: string, netPay: string) =>
    `gross_pay - tax + net lines = ${grossPay} - ${tax} + ${netLines} = ${expected}, not ${netPay}`,

  // Warnings: the employee is imported, the send reports the payslip.
  personnummerMissing: 'missing; payslips for this employee will fail until it is added',
  personnummerInvalid: (problem: string) => `${problem}; payslips for this employee will fail until it is corrected`,
  samePersonnummer: (employeeNumber: string) => `the same personnummer as employee ${employeeNumber}; nothing is sent to either until one of them is corrected`,
  addressMissing: 'missing; a payslip for this employee cannot be printed',
  addressIncomplete: (fields: string) => `incomplete (no ${fields}); a payslip for this employee cannot be printed`,

  // Files.
  cannotRead: (why: string) => `cannot read: ${why}`,
  cannotReadAgain: (why: string) => `cannot read it again: ${why}`,
  changedWhileImported: 'it changed while it was being imported',
  changedRefused: (path: string, why: string) => `${path} cannot be imported: ${why}. Nothing was written.`,
  changedFix: 'Run the same sync again once the export is complete.',
  fs: { ENOENT: 'no such file or directory', EACCES: 'permission denied', EISDIR: 'is a directory' },
  notUtf8: 'not UTF-8 text; save the export as UTF-8 (in Excel: "CSV UTF-8")',
  csvFileGiven: (files: string) => `give the directory that holds the CSV files (${files}), not one of them`,

  // CSV.
  csvFilesMissing: (required: string, optional: string) => `missing: a CSV export needs ${required} (${optional} is optional)`,
  noCompanyRow: 'no company row under the header',
  moreThanOneCompany: 'more than one company row',
  unknownPayRun: (payRun: string, file: string) => `unknown pay run ${payRun} (not in ${file})`,
  noPayslipForLine: (employeeNumber: string, payRun: string, file: string) => `no payslip for employee ${employeeNumber} in pay run ${payRun} in ${file}`,
  notCsv: (why: string) => `not valid CSV: ${why}`,
  csvSyntax: {
    CSV_QUOTE_NOT_CLOSED: 'a quote (") opens a cell that is never closed',
    INVALID_OPENING_QUOTE: 'a quote (") in the middle of a cell; a cell holding " is quoted whole, with each " doubled',
    CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote (") of a cell',
  } as Record<string, string | undefined>,
  emptyCsv: 'empty; expected a header row with the column names',
  columnTwice: 'the column appears twice',
  missingColumn: 'missing column',
  rowLength: (fields: number, columns: number) => `the row has ${fields} fields but the header has ${columns}`,

  // JSON.
  json: {
    empty: 'the file is empty',
    keyTwice: 'the key appears twice in the same object',
    expectedValue: (found: string) => `expected a value, found ${found}`,
    expectedKey: (found: string) => `expected a quoted key, found ${found}`,
    expectedColon: (key: string, found: string) => `expected ':' after the key "${key}", found ${found}`,
    expectedCommaOr: (close: string, found: string) => `expected ',' or '${close}' after a value, found ${found}`,
    expectedNumber: (found: string) => `expected a number, found ${found}`,
    malformedNumber: (text: string) => `malformed number ${text}`,
    tooDeep: (max: number) => `nested more than ${max} levels deep`,
    endInString: 'unexpected end of file inside a string',
    controlInString: 'a control character (such as a line break) inside a string; escape it',
    invalidEscape: 'an invalid escape sequence in a string',
    afterEnd: (found: string) => `unexpected ${found} after the end of the JSON document`,
    endOfFile: 'the end of the file (is it truncated?)',
    truncated: (message: string) => `${message} (is the file truncated?)`,
  },
};
