import { catalogueEntry } from '../catalogue.js';

/**
 * Every error the emulator can answer with. Each code is in Kivra's catalogue and its
 * first three digits are the HTTP status (docs/kivra-api.md §5.1); a test holds the emulator to it.
 */
export const EMULATOR_ERROR_CODES = [
  '40001', '40003', '40008', '40009', '40019', '40024', '40026', '40028', '40059',
  '40100', '40104', '40105', '40300', '40400', '40500', '41300', '41500', '42221', '42900',
  '50000', '50200', '50300', '50400',
] as const;
export type EmulatorErrorCode = (typeof EMULATOR_ERROR_CODES)[number];

export interface EmulatorError {
  status: number;
  code: EmulatorErrorCode;
  shortMessage: string;
  longMessage: string;
}

/** A Kivra error with the catalogue's texts; `detail` is appended to the long message. */
export function kivraError(code: EmulatorErrorCode, detail?: string): EmulatorError {
  const entry = catalogueEntry(code);
  if (!entry) throw new Error(`error code ${code} is not in Kivra's catalogue`);
  return {
    status: Number(code.slice(0, 3)),
    code,
    shortMessage: entry.short_message,
    longMessage: detail ? `${entry.long_message}: ${detail}` : entry.long_message,
  };
}

export function isEmulatorError(value: unknown): value is EmulatorError {
  return typeof value === 'object' && value !== null && 'code' in value && 'status' in value && 'shortMessage' in value;
}
