/**
 * Kivra wants `YYYYMMDDnnnn` (docs/kivra-api.md §4.1). The emulator also checks the personnummer
 * control digit (Luhn over the last ten digits), as Kivra rejects numbers that cannot
 * exist (docs/kivra-api.md §8.1 marks the Luhn check as an inference).
 */
export function isKivraSsn(value: unknown): value is string {
  return typeof value === 'string' && /^\d{12}$/.test(value) && luhnValid(value.slice(2));
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[i]);
    // Weights alternate 2,1,2,1… from the first of the ten digits.
    if (i % 2 === digits.length % 2) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
