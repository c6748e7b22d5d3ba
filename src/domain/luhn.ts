/**
 * The Luhn (mod 10) check used by Swedish personnummer and organisationsnummer: from the
 * right, every second digit before the check digit is doubled and its digits summed.
 */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    // Position counted from the right, check digit = 0; odd positions are doubled.
    const fromRight = digits.length - 1 - i;
    let d = digits.charCodeAt(i) - 48;
    if (fromRight % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that makes `digits + check` Luhn-valid. */
export function luhnCheckDigit(digits: string): number {
  for (let check = 0; check <= 9; check += 1) {
    if (isLuhnValid(`${digits}${check}`)) return check;
  }
  throw new Error(`Not a digit string: ${JSON.stringify(digits)}`);
}
