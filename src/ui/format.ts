/** Display forms shared by the terminal views. */

export function formatOrgNumber(tenDigits: string): string {
  return /^\d{10}$/.test(tenDigits) ? `${tenDigits.slice(0, 6)}-${tenDigits.slice(6)}` : tenDigits;
}

/** `19121212-****` on screen unless --show-personnummer; the full number only in files. */
export function displayPersonnummer(twelveDigits: string | null, show: boolean): string {
  if (twelveDigits === null) return '—';
  return show ? `${twelveDigits.slice(0, 8)}-${twelveDigits.slice(8)}` : `${twelveDigits.slice(0, 8)}-****`;
}
