import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { Command as CommandDefinition } from './commands/command.js';
import { createContext, type Context, type GlobalOptions } from './context.js';
import { ExitCode, ExitError, InterruptedError, UsageError } from './errors.js';
import { t, useLanguage } from './i18n/catalogue.js';
import { chooseLanguage, unknownLanguage, type Language } from './i18n/language.js';
import { useTimeZone } from './i18n/locale.js';
import { chooseTimeZone } from './i18n/time-zone.js';
import { sqliteExitError } from './store/sqlite-errors.js';
import { paint } from './ui/colour.js';
import { printable } from './ui/printable.js';
import { createTerminal } from './ui/terminal.js';

/**
 * The whole command-line surface in one place. Each command's implementation is loaded
 * lazily (`await import`) so `payslips --help` does not pay for SQLite, pdf-lib or HTTP.
 */

/** Each command's module exports `command` (commands/command.ts), loaded when it runs. */
type Loader = () => Promise<{ command: CommandDefinition }>;

const onOff = ['on', 'off'] as const;

function buildProgram(state: { ctx?: Context; signal: AbortSignal; language: Language }): Command {
  const program = new Command('payslips')
    .description('Send payslips (lönespecifikationer) to employees\' Kivra mailboxes, and a print batch for the rest.')
    .version(readVersion(), '-V, --version')
    .option('--db <path>', 'SQLite database file (env PAYSLIPS_DB; default: per-user data directory)')
    .option('--company <orgnr>', 'company to work on (env PAYSLIPS_COMPANY; default: the only one)', (value: string, previous?: string) => (previous === undefined ? value : `${previous},${value}`))
    .option('--json', 'print one JSON document on stdout, also on failure; no colour, spinner or prompt')
    .option('--yes', 'answer yes to confirmations and never prompt')
    .option('--show-personnummer', 'show personnummer in full on screen')
    .option('--debug', 'show stack traces for internal errors')
    .addOption(new Option('--lang <en|sv>', 'language of human output (env PAYSLIPS_LANG; default: sv when LANG says sv, else en)').choices(['en', 'sv']))
    .showHelpAfterError(t().cli.helpHint)
    .exitOverride();

  const action = (load: Loader) =>
    async (...received: unknown[]): Promise<void> => {
      const command = received.at(-1) as Command;
      const options = command.optsWithGlobals() as Record<string, unknown> & GlobalOptions;
      const ctx = createContext(options, state.signal, state.language);
      state.ctx = ctx;
      const { command: definition } = await load();
      const outcome = await definition.run(ctx, options, command.args);
      if (ctx.json && !outcome.raw) ctx.terminal.stdout(`${JSON.stringify(outcome.json, null, 2)}\n`);
      process.exitCode = outcome.exitCode ?? ExitCode.ok;
    };

  program
    .command('activate')
    .description('set up a company: licence, program link (tenant key, environment, retention, send, print, active). Without options on a terminal: an interactive wizard.')
    .option('--org-number <orgnr>', 'organisationsnummer of the company to create or change')
    .option('--name <name>', 'company name')
    .option('--street <street>', 'company street address')
    .option('--postal-code <code>', 'company postal code')
    .option('--city <city>', 'company city')
    .option('--email <email>', 'company contact e-mail (shown on the payslip)')
    .option('--phone <phone>', 'company telephone number, in a form Kivra takes (08-123 45 67, +46 8 123 45 67)')
    .addOption(new Option('--licence <on|off>', 'Licens: Lönespecifikationer till Kivra').choices(onOff))
    .option('--tenant-key <key>', 'Kivra tenant key (avsändaridentitet): 42 characters, as Kivra gave it')
    .addOption(new Option('--environment <env>', 'Kivra environment').choices(['production', 'sandbox', 'local']))
    .option('--api-url <url>', 'explicit Kivra API base URL (https://, or http:// on loopback); "default" clears it')
    .addOption(new Option('--retention-days <days>', 'retroaktiv leverans: 0 (no retain), 30 or 390').choices(['0', '30', '390']))
    .addOption(new Option('--send-payslips <on|off>', 'skicka lönespecifikationer till Kivra').choices(onOff))
    .addOption(new Option('--print <on|off>', 'printhantering: a PDF of the payslips of employees without a Kivra mailbox, for the employer to print and post').choices(onOff))
    .addOption(new Option('--active <on|off>', 'program link active').choices(onOff))
    .addOption(new Option('--content-type <type>', 'Kivra content type').choices(['salaryslip', 'letter.salary']))
    .option('--template-dir <dir>', 'the company\'s own payslip template directory; "default" clears it')
    .addOption(new Option('--apply-to-employees <yes|no>', 'apply a changed send-payslips/print setting to every employee').choices(['yes', 'no']))
    .option('--check', 'authenticate against the configured Kivra environment and read the tenant')
    .action(action(() => import('./commands/activate.js')));

  const employees = program.command('employees').description('the employee register: Kivra and print flags');
  employees
    .command('list')
    .description('list employees with their flags and mailbox status')
    .addOption(new Option('--kivra <on|off>', 'only employees with this Kivra flag').choices(onOff))
    .addOption(new Option('--print <on|off>', 'only employees with this print flag').choices(onOff))
    .action(action(() => import('./commands/employees-list.js')));
  employees
    .command('set')
    .description('change flags of employees, by employee number or personnummer, or --all')
    .argument('[employees...]', 'employee numbers or personnummer')
    .option('--all', 'every employee of the company')
    .addOption(new Option('--kivra <on|off>', 'Skicka lönespecifikationer via Kivra').choices(onOff))
    .addOption(new Option('--print <on|off>', 'Tillåt printhantering via Kivra').choices(onOff))
    .action(action(() => import('./commands/employees-set.js')));

  const users = program
    .command('users')
    .description('operators and their roles (admin, payroll, viewer), for every company or per company, with rights withheld')
    .addHelpText(
      'after',
      `
Rights: read, sync, kivra-flag (set employees' Kivra flag), print-flag (set employees' print flag),
send, settings, users (manage operators).
Roles: admin has every right; payroll: read, sync, kivra-flag, print-flag, send; viewer: read.
A role is for every company, or with --company for those companies only; a company's own role
holds there instead of the one for every company. --without withholds rights of the role.
Managing operators (users) comes only with a role for every company.

Examples:
  payslips users add eva --role payroll --company 556677-8899,559999-9991
  payslips users add olle --role payroll --without send          (sets flags and syncs, never sends)
  payslips users add kim --role payroll --without print-flag --company 556677-8899
  payslips users list
  payslips users remove eva --company 559999-9991`,
    );
  users
    .command('add')
    .description('give an operator a role: for every company, or with --company for those companies (replaces the role there)')
    .argument('<name>', 'operator name (PAYSLIPS_USER or the OS user name)')
    .addOption(new Option('--role <role>', 'admin: everything; payroll: read, sync, kivra-flag, print-flag, send; viewer: read only').choices(['admin', 'payroll', 'viewer']).makeOptionMandatory())
    .option('--without <rights>', 'withhold rights of the role: sync, kivra-flag, print-flag, send, settings, users (comma-separated or repeated)', (value: string, previous: string[] = []) => [...previous, value])
    .addHelpText('after', '\n--company <orgnr>: the role holds for these companies only (comma-separated or repeated; PAYSLIPS_COMPANY does not count here). Without it: every company.')
    .action(action(() => import('./commands/users-add.js')));
  users
    .command('list')
    .description('list operators: who may do what, for which company')
    .action(action(() => import('./commands/users-list.js')));
  users
    .command('remove')
    .description('remove an operator, or with --company only their roles for those companies')
    .argument('<name>', 'operator name')
    .action(action(() => import('./commands/users-remove.js')));

  program
    .command('sync')
    .description('import the payroll export (JSON file or CSV directory), then ask Kivra who has a mailbox')
    .requiredOption('--from <path>', 'payroll.json, or a directory with employees.csv, pay_runs.csv, payslips.csv, payslip_lines.csv')
    .option('--offline', 'import only; do not ask Kivra about mailboxes')
    .action(action(() => import('./commands/sync.js')));

  const selectionOptions = (command: Command): Command =>
    command
      .requiredOption('--date <date>', 'payout date: YYYY-MM-DD, today or latest')
      .addOption(new Option('--status <status>', 'pay run status').choices(['final', 'preliminary', 'any']).default('final'))
      .option('--employees <list>', 'only these employees: numbers or personnummer, comma-separated')
      .option('--changed', 'only payslips changed since their delivery: their corrections')
      .option('--resend', 'include payslips that were already delivered (Kivra bills each again)');

  selectionOptions(
    program.command('select').description('show what a send with the same options would do, without sending'),
  ).action(action(() => import('./commands/select.js')));

  selectionOptions(program.command('send').description('send the selected payslips to Kivra, and a print batch for the rest'))
    .option('--concurrency <n>', 'payslips in flight to Kivra at once', '8')
    .option('--print-dir <dir>', 'where the print batch goes (default: print/ beside the database)')
    .action(action(() => import('./commands/send.js')));

  program
    .command('preview')
    .description('render one payslip exactly as send would, to a PDF file (or - for stdout)')
    .argument('<employee>', 'employee number or personnummer')
    .requiredOption('--date <date>', 'payout date: YYYY-MM-DD, today or latest')
    .addOption(new Option('--status <status>', 'pay run status').choices(['final', 'preliminary', 'any']).default('final'))
    .option('--out <file>', 'where to write the PDF; - for stdout (default: lonespecifikation-<pay run>-<employee>.pdf here)')
    .option('--print', 'the print-batch variant, with the address in the envelope window')
    .action(action(() => import('./commands/preview.js')));

  program
    .command('log')
    .description('send jobs, newest first; one job\'s payslips; its CSV log; or the audit trail')
    .argument('[job-id]', 'show this job\'s payslips')
    .option('--csv [file]', 'write the job\'s CSV log to a file, or stdout when no file or -')
    .option('--excel', 'CSV for Swedish Excel: semicolons and a byte-order mark')
    .option('--audit', 'show the audit trail: settings, flag and role changes, sends')
    .option('--limit <n>', 'at most this many rows', '50')
    .action(action(() => import('./commands/log.js')));

  program
    .command('doctor')
    .description('check the database: SQLite integrity, schema version, unfinished send jobs, a stale send lock; says how to fix each')
    .option('--fix', 'repair what is safe to repair: clear a stale send lock, delete unfinished print batch files, make the database, credentials, print batch and CSV log files owner-only')
    .action(action(() => import('./commands/doctor.js')));

  program
    .command('demo')
    .description('run the whole workflow on the bundled sample company against the built-in Kivra emulator')
    .action(action(() => import('./commands/demo.js')));

  program
    .command('kivra-emulator')
    .description('run the built-in Kivra emulator in the foreground on 127.0.0.1, for trying the sandbox workflow by hand')
    .option('--port <n>', 'port on 127.0.0.1; 0 picks a free one', '0')
    .option('--tenant-key <key>', 'the tenant key it serves (42 hex characters)')
    .option('--tenant-name <name>', 'the tenant\'s name, as activate --check reports it')
    .option('--org-number <orgnr>', 'the tenant\'s organisationsnummer')
    .option('--client-id <id>', 'client id it accepts (default payslips-emulator)')
    .option('--client-secret <secret>', 'client secret it accepts (default: a new random one, printed)')
    .option('--recipients <file>', 'who has a mailbox: {"list": ["YYYYMMDDNNNN", …]}')
    .option('--no-duplicate-control', 'deliver identical payloads again, as Kivra\'s sandbox does')
    .option('--latency <ms>', 'delay every answer by this many milliseconds')
    .option('--fail-every <n>', 'answer every n-th content request with 503')
    .action(action(() => import('./commands/kivra-emulator.js')));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  // Everything this tool writes (database, credentials, CSV logs, print batches) holds
  // personal data: owner-only from the start, whatever the user's umask.
  process.umask(0o077);
  const interrupt = new AbortController();
  // The language and time zone are settled before anything speaks, help texts included.
  const langFlag = languageFlag(argv);
  const language = chooseLanguage(langFlag, process.env);
  useLanguage(language);
  useTimeZone(chooseTimeZone(process.env));
  const state: { ctx?: Context; signal: AbortSignal; language: Language } = { signal: interrupt.signal, language };
  // A reader that stops early (`payslips log --csv | head`) closes the pipe. The rest of the
  // output has nowhere to go, but that is no error, and the command still finishes its
  // work: a send must not stop halfway because nobody reads what it says.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  process.on('SIGINT', () => {
    if (interrupt.signal.aborted) process.exit(ExitCode.interrupted);
    // Said at once: what is in flight is finished and recorded first, which can take a
    // moment, and a second Ctrl+C is the way out of that wait.
    process.stderr.write(`${t().cli.stopping}\n`);
    interrupt.abort(new InterruptedError());
  });
  const program = buildProgram(state);
  const wantsJson = argv.includes('--json');
  try {
    const unknown = unknownLanguage(langFlag, process.env);
    if (unknown !== null) throw new UsageError(t().cli.unknownLanguage(unknown), { code: 'invalid_language', suggestion: t().cli.unknownLanguageFix });
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = report(error, state.ctx, wantsJson, argv.includes('--debug'));
  }
  // Writes to a pipe are asynchronous: exiting at once would cut a large --json document
  // or CSV short, so wait until everything written so far has been handed to the OS.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(process.exitCode ?? 0);
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

function report(error: unknown, ctx: Context | undefined, json: boolean, debug: boolean): ExitCode {
  const terminal = ctx?.terminal ?? createTerminal({ json, env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.ok;
    // commander already printed its message on stderr.
    if (json) terminal.stdout(`${JSON.stringify({ error: { code: 'usage', message: error.message.replace(/^error: /, '') } }, null, 2)}\n`);
    return ExitCode.usage;
  }
  const known = asExitError(error);
  if (known) {
    if (json) terminal.stdout(`${JSON.stringify({ error: known.toJSON() }, null, 2)}\n`);
    terminal.error(known.message);
    // Details quote the user's data (an import's problems): each on its own line, printable.
    for (const detail of known.details) terminal.info(`  ${printable(detail)}`);
    if (known.suggestion) terminal.info(paint('dim', known.suggestion));
    return known.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (json) terminal.stdout(`${JSON.stringify({ error: { code: 'internal', message } }, null, 2)}\n`);
  terminal.error(t().cli.internalError(message));
  if (debug && error instanceof Error && error.stack) terminal.info(error.stack);
  else terminal.info(t().cli.internalErrorHint);
  return ExitCode.internal;
}

/** Prompt libraries signal Ctrl+C with their own error; treat it as an interrupt (exit 130). */
function asExitError(error: unknown): ExitError | undefined {
  if (error instanceof ExitError) return error;
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) return new InterruptedError();
  return sqliteExitError(error);
}

/**
 * `--lang sv` or `--lang=sv` anywhere before a lone `--`: read ahead of commander, whose
 * help and errors must already speak the language.
 */
function languageFlag(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 2; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--lang') found = argv[i + 1];
    else if (arg.startsWith('--lang=')) found = arg.slice('--lang='.length);
  }
  return found;
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
