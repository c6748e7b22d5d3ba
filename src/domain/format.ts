/**
 * How values are written, in one place for the terminal, the CSV files, the PDF and the
 * Kivra payload: money, decimals, organisationsnummer, personnummer and dates.
 *
 * Money is integer öre throughout; every conversion works on the digits of the integer and
 * never divides as a float, so `32 000,00` is exact for any safe integer.
 */
import { formatIsoDate } from './iso-date.js';
import { parsePersonnummer } from './personnummer.js';
import type { IsoDate, Ore } from './types.js';

/** U+00A0: the Swedish thousands separator, a space that never breaks a number across lines. */
const NBSP = '\u00a0';

function splitOre(ore: Ore): { negative: boolean; kronor: string; ore: string } {
  // Only öre computed by the program (or sums of them) reach here; a float is a bug.
  if (!Number.isSafeInteger(ore)) throw new RangeError(`Amount in öre must be a safe integer, got ${String(ore)}`);
  const digits = String(Math.abs(ore)).padStart(3, '0');
  return { negative: ore < 0, kronor: digits.slice(0, -2), ore: digits.slice(-2) };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** `3200000` → `32 000,00` (no-break space), `-15050` → `-150,50`: for people. */
export function formatMoney(ore: Ore): string {
  const parts = splitOre(ore);
  return `${parts.negative ? '-' : ''}${groupThousands(parts.kronor)},${parts.ore}`;
}

/**
 * `3200000` → `32000.00`, `-15050` → `-150.50`: exact decimal text for machines, Kivra's
 * `Amount` pattern `^[-]?(0|[1-9][0-9]*)([.][0-9]{1,2})?$` and messages that quote an
 * export's figures. Zero is `0.00`, never `-0.00`.
 */
export function formatAmount(ore: Ore): string {
  const parts = splitOre(ore);
  return `${parts.negative ? '-' : ''}${parts.kronor}.${parts.ore}`;
}

const DECIMAL_TEXT = /^\s*([-+]?)(\d+)(?:[.,](\d+))?\s*$/;

/** Parses decimal text such as `8.5`, `8,5` or `22` into sign, integer and fraction digits. */
function parseDecimalText(text: string): { negative: boolean; int: string; frac: string } | null {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return null;
  const int = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = (match[3] ?? '').replace(/0+$/, '');
  const isZero = /^0*$/.test(int) && frac === '';
  return { negative: match[1] === '-' && !isZero, int, frac };
}

/**
 * Quantities and day counts as Swedes write them: `8.5` → `8,5`, `22.00` → `22`.
 * Text that is not a plain decimal is shown as given rather than guessed at.
 */
export function formatDecimal(text: string): string {
  const parsed = parseDecimalText(text);
  if (!parsed) return text.trim();
  return `${parsed.negative ? '-' : ''}${groupThousands(parsed.int)}${parsed.frac ? `,${parsed.frac}` : ''}`;
}

/**
 * Decimal text in Kivra's `Amount` format (at most two decimals), or null when the text is not
 * a decimal or needs more precision than Kivra allows: the caller omits the field then.
 */
export function toKivraDecimal(text: string): string | null {
  const parsed = parseDecimalText(text);
  if (!parsed || parsed.frac.length > 2) return null;
  return `${parsed.negative ? '-' : ''}${parsed.int}${parsed.frac ? `.${parsed.frac}` : ''}`;
}

/** `5566778899` → `556677-8899`; anything not 10 digits is shown as given. */
export function formatOrgNumber(orgNumber: string): string {
  return /^\d{10}$/.test(orgNumber) ? `${orgNumber.slice(0, 6)}-${orgNumber.slice(6)}` : orgNumber;
}

/** `Exempel AB (556677-8899)`: a company as messages, tables and prompts name it. */
export function companyTitle(company: { name: string; orgNumber: string }): string {
  return `${company.name} (${formatOrgNumber(company.orgNumber)})`;
}

/** Swedish VAT number (momsregistreringsnummer): `SE` + the 10 digits + `01`. */
export function toVatNumber(tenDigits: string): string {
  if (!/^\d{10}$/.test(tenDigits)) throw new Error('Expected a normalised 10-digit organisationsnummer');
  return `SE${tenDigits}01`;
}

/** `191212121212` → `19121212-1212`, in full: on the payslip (the employee's own document) and in files. */
export function formatPersonnummer(personnummer: string): string {
  return /^\d{12}$/.test(personnummer) ? `${personnummer.slice(0, 8)}-${personnummer.slice(8)}` : personnummer;
}

/** `19121212-****`: how a personnummer is shown on a terminal unless asked otherwise. */
export function maskPersonnummer(twelveDigits: string): string {
  if (!/^\d{12}$/.test(twelveDigits)) throw new Error('Expected a normalised 12-digit personnummer');
  return `${twelveDigits.slice(0, 8)}-****`;
}

/** On screen: masked unless --show-personnummer, `—` when there is none. */
export function displayPersonnummer(twelveDigits: string | null, show: boolean): string {
  if (twelveDigits === null) return '—';
  return show ? formatPersonnummer(twelveDigits) : maskPersonnummer(twelveDigits);
}

/**
 * An `--employees` key as a job's selection or the audit trail keeps it, for the screen:
 * an employee number as it is, a personnummer masked like everywhere else
 * (`19800511-****`) unless --show-personnummer. `now` places a 10-digit number's century.
 */
export function displayEmployeeKey(key: string, show: boolean, now: Date): string {
  if (show) return key;
  const parsed = parsePersonnummer(key, formatIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate()));
  return parsed.ok ? maskPersonnummer(parsed.value) : key;
}

/** `2025-11-01` → `2025-11`: the month a payslip is known by in subjects and file names. */
export function periodMonth(periodStart: IsoDate): string {
  return periodStart.slice(0, 7);
}

/** `2025-11-01`, `2025-11-30` → `2025-11-01 – 2025-11-30` (en dash, Swedish range style). */
export function formatDateRange(start: IsoDate, end: IsoDate): string {
  return `${start} \u2013 ${end}`;
}
