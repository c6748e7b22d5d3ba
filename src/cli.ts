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
import { commanderMessage, helpConfiguration, withExamples } from './ui/help.js';
import { createTerminal } from './ui/terminal.js';

/**
 * The whole command-line surface in one place. Each command's implementation is loaded
 * lazily (`await import`) so `payslips --help` does not pay for SQLite, pdf-lib or HTTP.
 */

/** Each command's module exports `command` (commands/command.ts), loaded when it runs. */
type Loader = () => Promise<{ command: CommandDefinition }>;

const onOff = ['on', 'off'] as const;

function buildProgram(state: { ctx?: Context; signal: AbortSignal; language: Language }): Command {
  const h = t().help;
  const program = new Command('payslips')
    .description(h.program.description)
    .configureHelp(helpConfiguration())
    .configureOutput({ outputError: (text, write) => write(commanderMessage(text)) })
    .helpOption('-h, --help', h.helpOption)
    .helpCommand('help [command]', h.helpCommand)
    .version(readVersion(), '-V, --version', h.versionOption)
    .option('--db <path>', h.global.db)
    .option('--company <orgnr>', h.global.company, (value: string, previous?: string) => (previous === undefined ? value : `${previous},${value}`))
    .option('--json', h.global.json)
    .option('--yes', h.global.yes)
    .option('--show-personnummer', h.global.showPersonnummer)
    .option('--debug', h.global.debug)
    .addOption(new Option('--lang <en|sv>', h.global.lang).choices(['en', 'sv']))
    .showHelpAfterError(t().cli.helpHint)
    .exitOverride();
  withExamples(program, h.program.examples, h.program.afterExamples);

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

  const activate = h.activate.options;
  withExamples(program.command('activate'), h.activate.examples)
    .description(h.activate.description)
    .option('--org-number <orgnr>', activate.orgNumber)
    .option('--name <name>', activate.name)
    .option('--street <street>', activate.street)
    .option('--postal-code <code>', activate.postalCode)
    .option('--city <city>', activate.city)
    .option('--email <email>', activate.email)
    .option('--phone <phone>', activate.phone)
    .addOption(new Option('--licence <on|off>', activate.licence).choices(onOff))
    .option('--tenant-key <key>', activate.tenantKey)
    .addOption(new Option('--environment <env>', activate.environment).choices(['production', 'sandbox', 'local']))
    .option('--api-url <url>', activate.apiUrl)
    .addOption(new Option('--retention-days <days>', activate.retentionDays).choices(['0', '30', '390']))
    .addOption(new Option('--send-payslips <on|off>', activate.sendPayslips).choices(onOff))
    .addOption(new Option('--print <on|off>', activate.print).choices(onOff))
    .addOption(new Option('--active <on|off>', activate.active).choices(onOff))
    .addOption(new Option('--content-type <type>', activate.contentType).choices(['salaryslip', 'letter.salary']))
    .option('--template-dir <dir>', activate.templateDir)
    .addOption(new Option('--apply-to-employees <yes|no>', activate.applyToEmployees).choices(['yes', 'no']))
    .option('--check', activate.check)
    .action(action(() => import('./commands/activate.js')));

  const employees = withExamples(program.command('employees'), [...h.employees.list.examples, ...h.employees.show.examples]).description(h.employees.description);
  withExamples(employees.command('list'), h.employees.list.examples)
    .description(h.employees.list.description)
    .addOption(new Option('--kivra <on|off>', h.employees.list.options.kivra).choices(onOff))
    .addOption(new Option('--print <on|off>', h.employees.list.options.print).choices(onOff))
    .action(action(() => import('./commands/employees-list.js')));
  withExamples(employees.command('set'), h.employees.set.examples)
    .description(h.employees.set.description)
    .argument('[employees...]', h.employees.set.arguments.employees)
    .option('--all', h.employees.set.options.all)
    .addOption(new Option('--kivra <on|off>', h.employees.set.options.kivra).choices(onOff))
    .addOption(new Option('--print <on|off>', h.employees.set.options.print).choices(onOff))
    .action(action(() => import('./commands/employees-set.js')));
  withExamples(employees.command('show'), h.employees.show.examples)
    .description(h.employees.show.description)
    .argument('<employee>', h.employees.show.arguments.employee)
    .action(action(() => import('./commands/employees-show.js')));

  const payruns = withExamples(program.command('payruns'), h.payruns.list.examples).description(h.payruns.description);
  withExamples(payruns.command('list'), h.payruns.list.examples)
    .description(h.payruns.list.description)
    .action(action(() => import('./commands/payruns-list.js')));

  const companies = withExamples(program.command('companies'), h.companies.list.examples).description(h.companies.description);
  withExamples(companies.command('list'), h.companies.list.examples)
    .description(h.companies.list.description)
    .action(action(() => import('./commands/companies-list.js')));

  const users = withExamples(program.command('users'), [...h.users.add.examples, ...h.users.list.examples, ...h.users.remove.examples], h.users.rights).description(h.users.description);
  withExamples(users.command('add'), h.users.add.examples, h.users.rights)
    .description(h.users.add.description)
    .argument('<name>', h.users.add.arguments.name)
    .addOption(new Option('--role <role>', h.users.add.options.role).choices(['admin', 'payroll', 'viewer']).makeOptionMandatory())
    .option('--without <rights>', h.users.add.options.without, (value: string, previous: string[] = []) => [...previous, value])
    .action(action(() => import('./commands/users-add.js')));
  withExamples(users.command('list'), h.users.list.examples)
    .description(h.users.list.description)
    .action(action(() => import('./commands/users-list.js')));
  withExamples(users.command('remove'), h.users.remove.examples)
    .description(h.users.remove.description)
    .argument('<name>', h.users.remove.arguments.name)
    .action(action(() => import('./commands/users-remove.js')));

  withExamples(program.command('sync'), h.sync.examples)
    .description(h.sync.description)
    .requiredOption('--from <path>', h.sync.options.from)
    .option('--offline', h.sync.options.offline)
    .action(action(() => import('./commands/sync.js')));

  const selectionOptions = (command: Command): Command =>
    command
      .requiredOption('--date <date>', h.selection.date)
      .addOption(new Option('--status <status>', h.selection.status).choices(['final', 'preliminary', 'any']).default('final'))
      .option('--employees <list>', h.selection.employees)
      .option('--changed', h.selection.changed)
      .option('--resend', h.selection.resend);

  selectionOptions(withExamples(program.command('select'), h.select.examples).description(h.select.description)).action(action(() => import('./commands/select.js')));

  selectionOptions(withExamples(program.command('send'), h.send.examples).description(h.send.description))
    .option('--concurrency <n>', h.send.options.concurrency, '8')
    .option('--print-dir <dir>', h.send.options.printDir)
    .option('--details', h.send.options.details)
    .action(action(() => import('./commands/send.js')));

  withExamples(program.command('preview'), h.preview.examples)
    .description(h.preview.description)
    .argument('<employee>', h.preview.arguments.employee)
    .requiredOption('--date <date>', h.selection.date)
    .addOption(new Option('--status <status>', h.selection.status).choices(['final', 'preliminary', 'any']).default('final'))
    .option('--out <file>', h.preview.options.out)
    .option('--print', h.preview.options.print)
    .action(action(() => import('./commands/preview.js')));

  withExamples(program.command('log'), h.log.examples)
    .description(h.log.description)
    .argument('[job-id]', h.log.arguments.jobId)
    .option('--csv [file]', h.log.options.csv)
    .option('--excel', h.log.options.excel)
    .option('--audit', h.log.options.audit)
    .option('--all-companies', h.log.options.allCompanies)
    .option('--limit <n>', h.log.options.limit, '50')
    .action(action(() => import('./commands/log.js')));

  withExamples(program.command('doctor'), h.doctor.examples)
    .description(h.doctor.description)
    .option('--fix', h.doctor.options.fix)
    .action(action(() => import('./commands/doctor.js')));

  withExamples(program.command('demo'), h.demo.examples)
    .description(h.demo.description)
    .action(action(() => import('./commands/demo.js')));

  const emulator = h.kivraEmulator.options;
  withExamples(program.command('kivra-emulator'), h.kivraEmulator.examples)
    .description(h.kivraEmulator.description)
    .option('--port <n>', emulator.port, '0')
    .option('--tenant-key <key>', emulator.tenantKey)
    .option('--tenant-name <name>', emulator.tenantName)
    .option('--org-number <orgnr>', emulator.orgNumber)
    .option('--client-id <id>', emulator.clientId)
    .option('--client-secret <secret>', emulator.clientSecret)
    .option('--recipients <file>', emulator.recipients)
    .option('--no-duplicate-control', emulator.noDuplicateControl)
    .option('--latency <ms>', emulator.latency)
    .option('--fail-every <n>', emulator.failEvery)
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
    if (json) terminal.stdout(`${JSON.stringify({ error: { code: 'usage', message: commanderMessage(error.message).replace(/^\S+ /, '').trimEnd() } }, null, 2)}\n`);
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
