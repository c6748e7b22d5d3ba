import { userInfo } from 'node:os';
import { TEXT_LIMITS, textProblem } from './domain/text.js';
import { UsageError } from './errors.js';
import { defaultDatabasePath } from './store/paths.js';
import { createTerminal, type Terminal } from './ui/terminal.js';

/** The global options every command accepts (README, Commands). */
export interface GlobalOptions {
  db?: string;
  company?: string;
  json?: boolean;
  yes?: boolean;
  debug?: boolean;
  showPersonnummer?: boolean;
}

/** What a command needs from the outside world, resolved once per run. */
export interface Context {
  readonly dbPath: string;
  /** `--company` or `PAYSLIPS_COMPANY`, as typed; resolved against the database later. */
  readonly companySelector: string | undefined;
  readonly operator: string;
  readonly json: boolean;
  readonly yes: boolean;
  readonly debug: boolean;
  readonly showPersonnummer: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly terminal: Terminal;
  /** Aborted on the first Ctrl+C; long work checks it and stops cleanly. */
  readonly signal: AbortSignal;
  now(): Date;
}

export function createContext(options: GlobalOptions, signal: AbortSignal, env: NodeJS.ProcessEnv = process.env): Context {
  const json = Boolean(options.json);
  return {
    dbPath: options.db ?? nonEmpty(env.PAYSLIPS_DB) ?? defaultDatabasePath(env),
    companySelector: options.company ?? nonEmpty(env.PAYSLIPS_COMPANY),
    operator: currentOperator(env),
    json,
    yes: Boolean(options.yes),
    debug: Boolean(options.debug),
    showPersonnummer: Boolean(options.showPersonnummer),
    env,
    terminal: createTerminal({ json, env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }),
    signal,
    now: () => new Date(),
  };
}

function currentOperator(env: NodeJS.ProcessEnv): string {
  const fromEnv = nonEmpty(env.PAYSLIPS_USER);
  if (fromEnv) {
    // The name goes into the audit trail and onto the terminal: the rule `users add` applies.
    const problem = textProblem(fromEnv, TEXT_LIMITS.operatorName);
    if (problem !== null) throw new UsageError(`PAYSLIPS_USER: ${problem.message}.`, { code: 'invalid_environment', suggestion: 'Set PAYSLIPS_USER to your login name.' });
    return fromEnv;
  }
  try {
    return userInfo().username;
  } catch {
    // Containers may run under a uid with no passwd entry.
    return nonEmpty(env.USER) ?? nonEmpty(env.LOGNAME) ?? 'unknown';
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
