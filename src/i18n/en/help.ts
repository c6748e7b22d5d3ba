/**
 * `--help`: what each command and option is for, with examples. The command lines in the
 * examples are the same in both languages; what they do is said in each.
 */
type Example = readonly [command: string, purpose: string];

export const help = {
  titles: {
    usage: 'Usage:',
    options: 'Options:',
    globalOptions: 'Global options (any command):',
    commands: 'Commands:',
    arguments: 'Arguments:',
    examples: 'Examples:',
  },
  /** The placeholders in a usage line. */
  usage: { options: '[options]', command: '[command]' },
  /** The parenthesised notes commander adds after an option. */
  extra: {
    choices: (list: string) => `choices: ${list}`,
    default: (value: string) => `default: ${value}`,
  },
  helpOption: 'show help for this command',
  versionOption: 'show the version',
  helpCommand: 'show help for a command',
  program: {
    description: "Send payslips (lönespecifikationer) to employees' Kivra mailboxes, and a print batch for the rest.",
    examples: [
      ['payslips activate', 'set up the company (a wizard on a terminal)'],
      ['payslips sync --from lon/2025-11/payroll.json', 'import the payroll export and ask Kivra who has a mailbox'],
      ['payslips send --date 2025-11-25 --status preliminary', 'send the preliminary payslips of the 25th'],
      ['payslips log', 'the send jobs, newest first'],
    ] as readonly Example[],
    afterExamples: 'payslips <command> --help shows the options of each command.',
  },
  global: {
    db: 'SQLite database file (env PAYSLIPS_DB; default: per-user data directory)',
    company: 'company to work on (env PAYSLIPS_COMPANY; default: the only one)',
    json: 'print one JSON document on stdout, also on failure; no colour, spinner or prompt',
    yes: 'answer yes to confirmations and never prompt',
    showPersonnummer: 'show personnummer in full on screen',
    debug: 'show stack traces for internal errors',
    lang: 'language of human output (env PAYSLIPS_LANG; default: sv when LANG says sv, else en)',
  },
  activate: {
    description: 'set up a company: licence, program link (tenant key, environment, retention, send, print, active). Without options on a terminal: an interactive wizard.',
    options: {
      orgNumber: 'organisationsnummer of the company to create or change',
      name: 'company name',
      street: 'company street address',
      postalCode: 'company postal code',
      city: 'company city',
      email: 'company contact e-mail (shown on the payslip)',
      phone: 'company telephone number, in a form Kivra takes (08-123 45 67, +46 8 123 45 67)',
      licence: 'licence: payslips to Kivra',
      tenantKey: 'Kivra tenant key (avsändaridentitet): 42 characters, as Kivra gave it',
      environment: 'Kivra environment',
      apiUrl: 'explicit Kivra API base URL (https://, or http:// on loopback); "default" clears it',
      retentionDays: 'retroaktiv leverans: days Kivra keeps a payslip for someone without a mailbox yet: 0 (none), 30 or 390',
      sendPayslips: 'send payslips to Kivra',
      print: 'print handling: a PDF for the employer to print and post, for employees without a mailbox',
      active: 'program link active',
      contentType: 'Kivra content type',
      templateDir: 'the company\'s own payslip template directory; "default" clears it',
      applyToEmployees: 'apply a changed send-payslips/print setting to every employee (needed without a terminal)',
      check: 'authenticate against the configured Kivra environment and read the tenant',
    },
    examples: [
      ['payslips activate', 'the wizard: asks for each setting, shows a summary, then saves'],
      ['payslips activate --org-number 556677-8899 --name "Ekbacken Bygg AB" --licence on --environment sandbox --tenant-key <key> --send-payslips on --print on --active on --apply-to-employees yes', 'the same from a script'],
      ['payslips activate --check', 'connect to Kivra and read the tenant'],
    ] as readonly Example[],
  },
  employees: {
    description: 'the employee register: Kivra and print flags',
    list: {
      description: 'list employees with their flags and mailbox status',
      options: { kivra: 'only employees with this Kivra flag', print: 'only employees with this print flag' },
      examples: [
        ['payslips employees list', 'everyone, personnummer masked'],
        ['payslips employees list --kivra off', 'who is not sent to Kivra'],
      ] as readonly Example[],
    },
    set: {
      description: 'change flags of employees, by employee number or personnummer, or --all',
      arguments: { employees: 'employee numbers or personnummer' },
      options: { all: 'every employee of the company', kivra: 'send payslips via Kivra', print: 'allow print handling (a PDF for the employer to print and post)' },
      examples: [
        ['payslips employees set 1004 --kivra off', 'employee 1004 gets no payslips in Kivra'],
        ['payslips employees set --all --print on', 'everyone without a mailbox goes in the print batch'],
      ] as readonly Example[],
    },
    show: {
      description: 'one employee: the register entry and every payslip (pay run, channel, outcome, when, Kivra content key, corrections, failures)',
      arguments: { employee: 'employee number or personnummer' },
      examples: [['payslips employees show 1003', '"I never got my payslip": what became of each of theirs']] as readonly Example[],
    },
  },
  payruns: {
    description: 'the pay runs (lönekörningar) of the payroll export',
    list: {
      description: 'pay runs, newest payout first: period, payout date (for send --date), status, payslips delivered, retained, printed, failed and not yet sent, net pay',
      examples: [['payslips payruns list', 'pick the payout date to send']] as readonly Example[],
    },
  },
  companies: {
    description: 'the companies (clients) in the database',
    list: {
      description: 'every company: organisationsnummer, name, environment, ready to send or what blocks it, the last send (✔/✘ and when), pay runs not yet sent',
      examples: [['payslips companies list', "a bureau's clients at a glance"]] as readonly Example[],
    },
  },
  users: {
    description: 'operators and their roles (admin, payroll, viewer), for every company or per company',
    rights:
      "Rights: read, sync, kivra-flag (set employees' Kivra flag), print-flag (set employees' print flag), send, settings, users (manage operators).\n" +
      'Roles: admin has every right; payroll: read, sync, kivra-flag, print-flag, send; viewer: read.\n' +
      "--company <orgnr> (comma-separated or repeated; PAYSLIPS_COMPANY does not count here): the role holds for those companies only, instead of the role for every company. Without it: every company.\n" +
      'Managing operators (users) comes only with a role for every company.',
    add: {
      description: 'give an operator a role: for every company, or with --company for those companies (replaces the role there)',
      arguments: { name: 'operator name (PAYSLIPS_USER or the OS user name)' },
      options: {
        role: 'admin: everything; payroll: read, sync, kivra-flag, print-flag, send; viewer: read only',
        without: 'withhold rights of the role: sync, kivra-flag, print-flag, send, settings, users (comma-separated or repeated)',
      },
      examples: [
        ['payslips users add eva --role payroll', 'Eva may import and send, for every company'],
        ['payslips users add eva --role payroll --company 556677-8899,559999-9991', 'Eva may work on these two clients only'],
        ['payslips users add olle --role payroll --without send', 'Olle sets flags and imports, never sends'],
      ] as readonly Example[],
    },
    list: {
      description: 'list operators: who may do what, for which company',
      examples: [['payslips users list', 'who may do what']] as readonly Example[],
    },
    remove: {
      description: 'remove an operator, or with --company only their roles for those companies',
      arguments: { name: 'operator name' },
      examples: [
        ['payslips users remove eva', 'Eva may no longer use this database'],
        ['payslips users remove eva --company 559999-9991', 'Eva no longer has a role of her own for this client'],
      ] as readonly Example[],
    },
  },
  sync: {
    description: 'import the payroll export (JSON file or CSV directory), then ask Kivra who has a mailbox',
    options: {
      from: 'payroll.json, or a directory with employees.csv, pay_runs.csv, payslips.csv, payslip_lines.csv',
      offline: 'import only; do not ask Kivra about mailboxes',
    },
    examples: [
      ['payslips sync --from lon/2025-11/payroll.json', 'import, then check mailboxes'],
      ['payslips sync --from lon/2025-11/ --offline', 'import a CSV directory without asking Kivra'],
    ] as readonly Example[],
  },
  selection: {
    date: 'payout date (utbetalningsdag): YYYY-MM-DD, today or latest',
    status: 'pay run status',
    employees: 'only these employees: numbers or personnummer, comma-separated',
    changed: 'only payslips changed since their delivery: their corrections',
    resend: 'include payslips that were already delivered (Kivra bills each again)',
  },
  select: {
    description: 'show what a send with the same options would do, without sending',
    examples: [
      ['payslips select --date 2025-11-25 --status preliminary', 'what a preliminary send would do, with totals'],
      ['payslips select --date latest', 'the latest final pay run'],
    ] as readonly Example[],
  },
  send: {
    description: 'send the selected payslips to Kivra, and a print batch for the rest',
    options: {
      concurrency: 'payslips in flight to Kivra at once',
      printDir: 'where the print batch goes (default: print/ beside the database)',
      details: 'list every payslip in the confirmation, not only the totals per channel',
    },
    examples: [
      ['payslips send --date 2025-11-25 --status preliminary', 'the preliminary payslips; asks before sending'],
      ['payslips send --date 2025-11-25 --yes', 'the final payslips, from cron'],
      ['payslips send --date 2025-11-25 --changed', 'the corrections of payslips changed since delivery'],
      ['payslips send --date 2025-11-25 --details', 'every payslip in the confirmation, not only the totals'],
    ] as readonly Example[],
  },
  preview: {
    description: 'render one payslip exactly as send would, to a PDF file (or - for stdout)',
    arguments: { employee: 'employee number or personnummer' },
    options: {
      out: 'where to write the PDF; - for stdout (default: lonespecifikation-<pay run>-<employee>.pdf here)',
      print: 'the print-batch variant, with the address in the envelope window',
    },
    examples: [['payslips preview 1001 --date 2025-11-25', "employee 1001's payslip as a PDF file here"]] as readonly Example[],
  },
  log: {
    description: "send jobs, newest first; one job's payslips; its CSV log; or the audit trail",
    arguments: { jobId: "show this job's payslips" },
    options: {
      csv: "write the job's CSV log to a file, or stdout when no file or -",
      excel: 'CSV for Swedish Excel: semicolons, a byte-order mark, local times, personnummer as text, headers in the run\'s language',
      audit: 'show the audit trail: settings, flag and role changes, sends',
      allCompanies: 'the jobs of every company in the database, each row naming its company',
      limit: 'at most this many rows',
    },
    examples: [
      ['payslips log', 'the send jobs with ✔/✘'],
      ['payslips log 12', "job 12's payslips and what became of each"],
      ['payslips log 12 --csv utskick.csv --excel', 'the same as a file for Excel'],
      ['payslips log --all-companies', "every client's send jobs, for a payroll bureau"],
    ] as readonly Example[],
  },
  doctor: {
    description: 'check the database: SQLite integrity, schema version, unfinished send jobs, a stale send lock; says how to fix each',
    options: {
      fix: 'repair what is safe to repair: clear a stale send lock, delete unfinished print batch files, make the database, credentials, print batch and CSV log files owner-only',
    },
    examples: [['payslips doctor', 'check; then payslips doctor --fix repairs what is safe']] as readonly Example[],
  },
  demo: {
    description: 'run the whole workflow on the bundled sample company against the built-in Kivra emulator',
    examples: [['payslips demo', 'a month-end on sample data, in a temporary directory']] as readonly Example[],
  },
  kivraEmulator: {
    description: 'run the built-in Kivra emulator in the foreground on 127.0.0.1, for trying the sandbox workflow by hand',
    options: {
      port: 'port on 127.0.0.1; 0 picks a free one',
      tenantKey: 'the tenant key it serves (42 hex characters)',
      tenantName: "the tenant's name, as activate --check reports it",
      orgNumber: "the tenant's organisationsnummer",
      clientId: 'client id it accepts (default payslips-emulator)',
      clientSecret: 'client secret it accepts (default: a new random one, printed)',
      recipients: 'who has a mailbox: {"list": ["YYYYMMDDNNNN", …]}',
      noDuplicateControl: "deliver identical payloads again, as Kivra's sandbox does",
      latency: 'delay every answer by this many milliseconds',
      failEvery: 'answer every n-th content request with 503',
    },
    examples: [['payslips kivra-emulator --port 8443 --recipients fixtures/kivra-recipients.json', 'a Kivra to try activate --api-url against']] as readonly Example[],
  },
  /** commander's own mistakes, said again in the run's language. */
  errors: {
    unknownOption: (flag: string, suggestion: string) => `unknown option ${flag}${suggestion}`,
    unknownCommand: (name: string, suggestion: string) => `unknown command ${name}${suggestion}`,
    didYouMean: (candidate: string) => ` (did you mean ${candidate}?)`,
    missingArgument: (name: string) => `missing required argument ${name}`,
    optionMissingArgument: (flags: string) => `option ${flags} needs a value`,
    missingMandatoryOption: (flags: string) => `required option ${flags} not given`,
    invalidChoice: (flags: string, value: string, choices: string) => `option ${flags}: "${value}" is not one of ${choices}`,
    excessArguments: (command: string, expected: number, got: number) => `too many arguments for ${command}: expected ${expected}, got ${got}`,
  },
};
