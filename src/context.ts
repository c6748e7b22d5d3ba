import { userInfo } from 'node:os';
import { TEXT_LIMITS, textProblem } from './domain/text.js';
import { textProblemText } from './i18n/data.js';
import { UsageError } from './errors.js';
import { t } from './i18n/catalogue.js';
import type { Language } from './i18n/language.js';
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
  lang?: string;
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
  /** The language human output speaks (cli.ts chose it before anything spoke). */
  readonly language: Language;
  readonly env: NodeJS.ProcessEnv;
  readonly terminal: Terminal;
  /** Aborted on the first Ctrl+C; long work checks it and stops cleanly. */
  readonly signal: AbortSignal;
  now(): Date;
}

export function createContext(options: GlobalOptions, signal: AbortSignal, language: Language, env: NodeJS.ProcessEnv = process.env): Context {
  const json = Boolean(options.json);
  return {
    dbPath: options.db ?? nonEmpty(env.PAYSLIPS_DB) ?? defaultDatabasePath(env),
    companySelector: options.company ?? nonEmpty(env.PAYSLIPS_COMPANY),
    operator: currentOperator(env),
    json,
    yes: Boolean(options.yes),
    debug: Boolean(options.debug),
    showPersonnummer: Boolean(options.showPersonnummer),
    language,
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
    if (problem !== null) throw new UsageError(t().cli.operatorName(textProblemText(problem)), { code: 'invalid_environment', suggestion: t().cli.operatorNameFix });
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
