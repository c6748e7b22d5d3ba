import numbers from '../vendor/testdata/skatteverket-testpersonnummer.json' with { type: 'json' };

/**
 * Skatteverket's test personnummer (41,493 numbers, src/vendor/README.md): reserved for
 * testing, never given to a person. In a company that sends for real, one in the register
 * is a mistake to point out (a test export imported into production, or a made-up number).
 * Loaded only by the commands that check it, and only for production companies.
 */
let known: ReadonlySet<string> | undefined;

export function isTestPersonnummer(twelveDigits: string): boolean {
  known ??= new Set(numbers);
  return known.has(twelveDigits);
}
