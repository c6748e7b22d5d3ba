import { createPalette, shouldUseColour, type Palette } from './colour.js';

/**
 * Everything a command may say to the person at the terminal. Results go to stdout;
 * messages, warnings and progress always go to stderr, so `--json` output stays clean.
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
  result(text: string): void;
  /** Raw bytes on stdout (a CSV written to `-`, the JSON document). */
  stdout(text: string): void;
  /** As `stdout`, resolving once the reader can take more: for a document written in pieces. */
  stdoutPaced(text: string): Promise<void>;
  info(text: string): void;
  success(text: string): void;
  /** An outcome that went wrong (a job with failures), marked ✘ as the log marks it. */
  failure(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

export interface TerminalOptions {
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
  return {
    json,
    colour,
    canPrompt: !json && Boolean(stdin.isTTY) && Boolean(stderr.isTTY),
    live,
    palette,
    result: (text) => {
      if (!json) stdout.write(text.endsWith('\n') ? text : `${text}\n`);
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
      stderr.write(`${text}\n`);
    },
    success: (text) => {
      stderr.write(`${palette.success('✔')} ${text}\n`);
    },
    failure: (text) => {
      stderr.write(`${palette.error('✘')} ${text}\n`);
    },
    warn: (text) => {
      stderr.write(`${palette.warn('warning:')} ${text}\n`);
    },
    error: (text) => {
      stderr.write(`${palette.error('error:')} ${text}\n`);
    },
  };
}
