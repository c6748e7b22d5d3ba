import apiErrors from '../vendor/kivra/api-errors.json' with { type: 'json' };

/**
 * Kivra's error catalogue (`kivra/kivra-api-errors`, vendored unchanged in src/vendor/kivra): the
 * fixed short and default long message for every five-digit code. The emulator answers
 * with these texts, and the client falls back to them when an error body is missing.
 */
interface CatalogueEntry {
  short_message: string;
  long_message: string;
}

const catalogue: Readonly<Record<string, CatalogueEntry>> = apiErrors;

export function catalogueEntry(code: string): CatalogueEntry | undefined {
  return Object.hasOwn(catalogue, code) ? catalogue[code] : undefined;
}
