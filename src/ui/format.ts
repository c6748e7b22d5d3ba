import { formatIsoDate } from '../domain/iso-date.js';
import { maskPersonnummer, parsePersonnummer } from '../domain/personnummer.js';

/** Display forms shared by the terminal views. */

export function formatOrgNumber(tenDigits: string): string {
  return /^\d{10}$/.test(tenDigits) ? `${tenDigits.slice(0, 6)}-${tenDigits.slice(6)}` : tenDigits;
}

/** `19121212-****` on screen unless --show-personnummer; the full number only in files. */
export function displayPersonnummer(twelveDigits: string | null, show: boolean): string {
  if (twelveDigits === null) return '—';
  return show ? `${twelveDigits.slice(0, 8)}-${twelveDigits.slice(8)}` : `${twelveDigits.slice(0, 8)}-****`;
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
