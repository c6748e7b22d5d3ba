import { t } from './i18n/catalogue.js';

/**
 * The two kinds of failure the CLI knows (see STYLE.md): an `ExitError` is expected and
 * explained to the user with the exit code the README gives it; anything else is a bug and
 * exits 1 with a hint to rerun with `--debug`.
 */

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  jobFailures: 3,
  refused: 4,
  aborted: 5,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

interface ErrorJson {
  code: string;
  message: string;
  suggestion?: string;
  details?: string[];
}

export class ExitError extends Error {
  readonly exitCode: ExitCode;
  readonly code: string;
  readonly suggestion: string | undefined;
  readonly details: string[];

  constructor(
    exitCode: ExitCode,
    code: string,
    message: string,
    options: { suggestion?: string; details?: string[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.exitCode = exitCode;
    this.code = code;
    this.suggestion = options.suggestion;
    this.details = options.details ?? [];
  }

  toJSON(): ErrorJson {
    return {
      code: this.code,
      message: this.message,
      ...(this.suggestion ? { suggestion: this.suggestion } : {}),
      ...(this.details.length > 0 ? { details: this.details } : {}),
    };
  }
}

/** Exit 2: a bad option or bad input. Nothing was written. */
export class UsageError extends ExitError {
  constructor(message: string, options: { code?: string; suggestion?: string; details?: string[] } = {}) {
    super(ExitCode.usage, options.code ?? 'usage', message, options);
  }
}

/** Exit 4: a precondition is not met (settings, role, lock, confirmation). */
export class RefusedError extends ExitError {
  constructor(code: string, message: string, options: { suggestion?: string; details?: string[] } = {}) {
    super(ExitCode.refused, code, message, options);
  }
}

/** Exit 5: Kivra could not be reached or rejected the credentials. */
export class AbortedError extends ExitError {
  constructor(code: string, message: string, options: { suggestion?: string; details?: string[]; cause?: unknown } = {}) {
    super(ExitCode.aborted, code, message, options);
  }
}

/** Exit 130: Ctrl+C or a cancelled prompt. */
export class InterruptedError extends ExitError {
  constructor(message = t().cli.interrupted) {
    super(ExitCode.interrupted, 'interrupted', message, { suggestion: t().cli.interruptedKept });
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
