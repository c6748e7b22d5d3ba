/**
 * Regenerates fixtures/payroll-csv/ from fixtures/payroll.json after the JSON changes:
 *
 *   npx vite-node test/import/support/write-fixture-csv.ts
 *
 * test/import/parse-export.test.ts checks that both import to the same data, and that
 * payroll-csv/ is up to date with payroll.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { payrollJsonToCsv } from './payroll-csv-writer.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const doc = JSON.parse(readFileSync(`${fixtures}payroll.json`, 'utf8')) as Record<string, unknown>;
// Written the way Swedish Excel saves "CSV UTF-8": BOM, CRLF, decimal comma, ja/nej.
const files = payrollJsonToCsv(doc, { decimalComma: true, booleanWords: ['ja', 'nej'], lineEnding: '\r\n', bom: true });
for (const [name, text] of Object.entries(files)) {
  if (text !== null) writeFileSync(`${fixtures}payroll-csv/${name}`, text);
}
