import { parsePersonnummer } from '../domain/personnummer.js';

/**
 * An operator may name an employee by personnummer in any common form (10 or 12 digits,
 * with or without separator); the register stores 12 digits. Returns undefined when the
 * key is not a valid personnummer, so it is matched as an employee number only.
 */
export function normalisePersonnummerKey(key: string, today: Date): string | undefined {
  const parsed = parsePersonnummer(key, today.toISOString().slice(0, 10));
  return parsed.ok ? parsed.value : undefined;
}
