import { isHiddenCharacter } from '../domain/text.js';

/**
 * Text as it may be written to a terminal: every control and invisible formatting
 * character (domain/text.ts) shown as a visible escape, `\x1b`, `\t`, `\n`, `\u202e`, so
 * that data can neither move the cursor, repaint or recolour the screen, nor reorder or
 * hide what is printed next to it. The import refuses these characters; this is for what
 * still gets through: data stored by an older version, file paths, operator names from
 * the system, Kivra's messages. Everything else, backslashes included, is left as it is.
 */
export function printable(text: string): string {
  let out = '';
  let from = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (!isHiddenCharacter(code)) continue;
    out += text.slice(from, index) + escapeOf(code);
    from = index + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

function escapeOf(code: number): string {
  switch (code) {
    case 0x09:
      return '\\t';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    default:
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }
}
