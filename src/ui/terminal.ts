import { t } from '../i18n/catalogue.js';
import { createPalette, renderStyled, shouldUseColour, type Palette, type Styled } from './colour.js';
import { printable } from './printable.js';
import { RenderedTable } from './table.js';

/**
 * Everything a command may say to the person at the terminal. Results go to stdout;
 * messages, warnings and progress always go to stderr, so `--json` output stays clean.
 *
 * Messages and results are built from data (names, file paths, Kivra's answers), so every
 * line of them is made printable (ui/printable.ts): a message may span lines, but no other
 * control character in it reaches the terminal. Colour comes as `Painted` pieces, applied
 * after that; a table comes rendered, its cells made printable one by one (line breaks too).
 */
export interface Terminal {
  readonly json: boolean;
  readonly colour: boolean;
  /** stdin and stderr are terminals and prompting is allowed. */
  readonly canPrompt: boolean;
  /** stderr is a terminal: spinners and live progress are wanted. */
  readonly live: boolean;
  readonly palette: Palette;
  /** Human result text (tables, summaries) on stdout; swallowed under --json. */
  result(text: Styled | RenderedTable): void;
  /** Raw bytes on stdout (a CSV written to `-`, the JSON document). */
  stdout(text: string): void;
  /** As `stdout`, resolving once the reader can take more: for a document written in pieces. */
  stdoutPaced(text: string): Promise<void>;
  info(text: Styled): void;
  success(text: Styled): void;
  /** An outcome that went wrong (a job with failures), marked ✘ as the log marks it. */
  failure(text: Styled): void;
  warn(text: Styled): void;
  error(text: Styled): void;
}

/** Each line printable, the line breaks between them kept. */
function printableLines(text: string): string {
  return text.includes('\n') ? text.split('\n').map(printable).join('\n') : printable(text);
}

interface TerminalOptions {
  json: boolean;
  env: NodeJS.ProcessEnv;
  stdin: { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export function createTerminal(options: TerminalOptions): Terminal {
  const { json, env, stdin, stdout, stderr } = options;
  const colour = shouldUseColour(env, Boolean(stdout.isTTY), json);
  const palette = createPalette(colour);
  const live = !json && Boolean(stderr.isTTY) && env.CI === undefined;
  const shown = (text: Styled): string => renderStyled(palette, text, printableLines);
  return {
    json,
    colour,
    canPrompt: !json && Boolean(stdin.isTTY) && Boolean(stderr.isTTY),
    live,
    palette,
    result: (text) => {
      if (json) return;
      const out = text instanceof RenderedTable ? text.text : shown(text);
      stdout.write(out.endsWith('\n') ? out : `${out}\n`);
    },
    stdout: (text) => {
      stdout.write(text);
    },
    stdoutPaced: (text) =>
      new Promise<void>((resolve) => {
        if (stdout.write(text)) {
          resolve();
          return;
        }
        // A reader that went away (EPIPE, closed) must not leave the writer waiting.
        const done = (): void => {
          stdout.off('drain', done);
          stdout.off('error', done);
          stdout.off('close', done);
          resolve();
        };
        stdout.on('drain', done);
        stdout.on('error', done);
        stdout.on('close', done);
      }),
    info: (text) => {
      stderr.write(`${shown(text)}\n`);
    },
    success: (text) => {
      stderr.write(`${palette.success('✔')} ${shown(text)}\n`);
    },
    failure: (text) => {
      stderr.write(`${palette.error('✘')} ${shown(text)}\n`);
    },
    warn: (text) => {
      stderr.write(`${palette.warn(t().cli.warningPrefix)} ${shown(text)}\n`);
    },
    error: (text) => {
      stderr.write(`${palette.error(t().cli.errorPrefix)} ${shown(text)}\n`);
    },
  };
}
