/**
 * What text from outside (a payroll export, an option, an environment variable) may hold
 * before it is stored, printed on a payslip or shown on the operator's terminal: no
 * control character and no invisible formatting character, and not more characters than
 * the field can need (docs/import-format.md, "Text").
 *
 * A control character written to a terminal can move the cursor, repaint the screen or
 * recolour what follows, so a name could hide a `fail` row; a bidi override shows text in
 * another order than it is stored; an invisible character makes `1001` and `10` + U+200B + `01`
 * look alike. None of them belongs in a name, an address or a code. The import refuses them;
 * what still reaches the terminal (data stored by an older version, file paths, Kivra's
 * messages) is shown escaped (ui/printable.ts), by the same list.
 */

/**
 * Refused and escaped, as inclusive UTF-16 code unit ranges (all in the Basic Multilingual
 * Plane and none a surrogate, so a string can be checked unit by unit, and a JSON Schema
 * pattern can list them with `\uXXXX` escapes that every regex dialect reads alike):
 * C0 controls (tab and line breaks included), DEL and C1 controls; soft hyphen; Arabic
 * letter mark; Mongolian vowel separator; zero-width space, joiners and the left-to-right
 * and right-to-left marks; line and paragraph separators and the bidi embeddings and
 * overrides; word joiner, invisible operators, bidi isolates and the deprecated format
 * controls; the zero-width no-break space (byte-order mark); interlinear annotations.
 */
export const HIDDEN_CHARACTER_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad],
  [0x061c, 0x061c],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x206f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
];

/**
 * One byte per UTF-16 code unit, 1 for the hidden ones: every text value of an export is
 * scanned, and a table lookup per character keeps that to a few percent of an import.
 */
const HIDDEN = new Uint8Array(0x10000);
for (const [from, to] of HIDDEN_CHARACTER_RANGES) HIDDEN.fill(1, from, to + 1);

/** Whether a UTF-16 code unit is one of HIDDEN_CHARACTER_RANGES. */
export function isHiddenCharacter(code: number): boolean {
  return HIDDEN[code] === 1;
}

/** The index of the first hidden character in `text`, or -1. */
export function findHiddenCharacter(text: string): number {
  for (let index = 0; index < text.length; index += 1) if (HIDDEN[text.charCodeAt(index)] === 1) return index;
  return -1;
}

/**
 * The longest text each field accepts, in characters (code points): far above anything a
 * Swedish payroll system holds, far below what makes the PDF layout or the terminal table
 * slow (a name of 3,000 characters took half a minute to lay out; 20,000 crashed it).
 */
export const TEXT_LIMITS = {
  /** first_name, last_name: Skatteverket's population register keeps names far shorter. */
  personName: 100,
  /** Bolagsverket registers company names of at most about 100 characters; room for a suffix. */
  companyName: 200,
  /** A street address, c/o line included. */
  street: 200,
  city: 100,
  /** Swedish postal codes are `NNN NN`; room for foreign ones. */
  postalCode: 20,
  /** RFC 5321's limit for an address in a mail path. */
  email: 254,
  /** An international number with spaces, an extension and a note. */
  phone: 50,
  /** Benämning on a payslip line. */
  lineText: 200,
  /** Enhet, e.g. `tim`. */
  unit: 20,
  /** employee_number, the pay run's id, a line's löneart code: keys, never prose. */
  identifier: 40,
  /** Skattetabell: a number of two digits, perhaps with a column. */
  taxTable: 20,
  /**
   * Its written forms have at most 13 characters; payroll systems sometimes write a note
   * instead ("saknas"), which is imported with a warning, so the cap leaves room for one.
   */
  personnummer: 100,
  /** Its written forms have at most 13 characters (`16556677-8899`). */
  orgNumber: 20,
  /** A login name (PAYSLIPS_USER, `payslips users add`). */
  operatorName: 100,
} as const;

/** The number of characters (code points) in `text`: a surrogate pair is one, as JSON Schema's maxLength counts. */
export function characterCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // A high surrogate followed by a low one is one character.
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
    }
    count += 1;
  }
  return count;
}

/**
 * Why a text is refused, as data: the catalogue says it (i18n/data.ts `textProblemText`).
 * `character` is the UTF-16 code unit of the first hidden character.
 */
export type TextProblem = { kind: 'length'; length: number; maxLength: number } | { kind: 'character'; character: number };

/** Why `text` is refused (too long, or a hidden character), or null when it is fine. Surrounding whitespace counts. */
export function textProblem(text: string, maxLength: number): TextProblem | null {
  if (text.length > maxLength) {
    const length = characterCount(text);
    if (length > maxLength) return { kind: 'length', length, maxLength };
  }
  const at = findHiddenCharacter(text);
  return at === -1 ? null : { kind: 'character', character: text.charCodeAt(at) };
}

/** What kind of hidden character `code` is: line breaks and controls are told apart from invisible formatting. */
export function hiddenCharacterKind(code: number): 'line_break' | 'control' | 'format' {
  if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) return 'line_break';
  return code <= 0x9f ? 'control' : 'format';
}

/** `U+001B ESC`, `U+202E RIGHT-TO-LEFT OVERRIDE`: the code point and its Unicode name, the same in every language. */
export function hiddenCharacterLabel(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = characterName(code);
  return name === undefined ? hex : `${hex} ${name}`;
}

/** The C0 controls by their usual abbreviations, index = code. */
const C0_NAMES = [
  'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'TAB', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI',
  'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US',
];

/** The C1 controls (U+0080 to U+009F) by their ISO 6429 abbreviations. */
const C1_NAMES = [
  'PAD', 'HOP', 'BPH', 'NBH', 'IND', 'NEL', 'SSA', 'ESA', 'HTS', 'HTJ', 'VTS', 'PLD', 'PLU', 'RI', 'SS2', 'SS3',
  'DCS', 'PU1', 'PU2', 'STS', 'CCH', 'MW', 'SPA', 'EPA', 'SOS', 'SGCI', 'SCI', 'CSI', 'ST', 'OSC', 'PM', 'APC',
];

const FORMAT_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00ad, 'SOFT HYPHEN'],
  [0x061c, 'ARABIC LETTER MARK'],
  [0x180e, 'MONGOLIAN VOWEL SEPARATOR'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x2028, 'LINE SEPARATOR'],
  [0x2029, 'PARAGRAPH SEPARATOR'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2060, 'WORD JOINER'],
  [0x2061, 'FUNCTION APPLICATION'],
  [0x2062, 'INVISIBLE TIMES'],
  [0x2063, 'INVISIBLE SEPARATOR'],
  [0x2064, 'INVISIBLE PLUS'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE'],
]);

function characterName(code: number): string | undefined {
  if (code < 0x20) return C0_NAMES[code];
  if (code === 0x7f) return 'DEL';
  if (code >= 0x80 && code <= 0x9f) return C1_NAMES[code - 0x80];
  return FORMAT_NAMES.get(code);
}
