import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * Human output speaks the run's language, so its sentences live in the catalogue
 * (src/i18n/en and sv) and nowhere else. This catches the easy way back: an English
 * sentence written straight into an error a user sees, or into a terminal line. Errors
 * that only a bug raises (RangeError, Error) stay in English for the maintainer, and the
 * Kivra emulator answers in Kivra's own API words.
 */
const SRC = join(REPO_ROOT, 'src');
const EXEMPT = ['i18n/', 'kivra/emulator/', 'vendor/'];
/**
 * A renderer's detail, made in a render worker and stored in the send log with its code
 * (`render_failed`); the log says the code in the run's language and quotes the detail,
 * as it quotes Kivra's answers (i18n/reasons.ts, storedErrorText).
 */
const STORED_DETAIL = ["src/render/pdf/truetype-subset.ts: return new PayslipRenderError('render_failed', `The template's font is damaged"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** A literal that opens with a capitalised word and goes on with words: a sentence. */
const SENTENCE = String.raw`['"\`][A-Z][a-z]+[ ,:][^'"\`]*[a-z]`;
const USER_FACING = [
  new RegExp(String.raw`new (?:UsageError|RefusedError|AbortedError|InterruptedError|PayslipRenderError)\((?:'[a-z_]+',\s*)?${SENTENCE}`),
  new RegExp(String.raw`suggestion:\s*${SENTENCE}`),
  new RegExp(String.raw`terminal\.(?:info|success|failure|warn|error|result)\(${SENTENCE}`),
];

test('no English sentence for users outside the message catalogue', () => {
  const found: string[] = [];
  for (const file of sources(SRC)) {
    const name = relative(SRC, file);
    if (EXEMPT.some((dir) => name.startsWith(dir))) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (!USER_FACING.some((pattern) => pattern.test(line))) return;
        if (STORED_DETAIL.some((allowed) => `src/${name}: ${line.trim()}`.startsWith(allowed))) return;
        found.push(`src/${name}:${index + 1}: ${line.trim()}`);
      });
  }
  expect(found, 'move these texts into src/i18n/en and src/i18n/sv and use t()').toEqual([]);
});
