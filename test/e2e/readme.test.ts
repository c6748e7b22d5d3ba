import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN, REPO_ROOT } from '../helpers/cli.js';
import { PAYROLL_JSON, RECIPIENTS } from '../helpers/month-end.js';

/**
 * The README is run as written: the walk-through's shell blocks (marked
 * `<!-- readme-test: month-end -->`) in one bash session from a directory laid out like
 * the clone, then every example of the Commands table in the state it leaves; the crontab
 * line against the emulator standing in for Kivra's sandbox, with the README's cron mails
 * compared to what the commands really print. A change of behaviour that makes the README
 * wrong fails here.
 */

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const homes: string[] = [];
afterAll(() => {
  for (const dir of homes) rmSync(dir, { recursive: true, force: true });
});

/** The fenced blocks that follow `<!-- readme-test: <tag> -->`, in order. */
function markedBlocks(tag: string): string[] {
  const blocks = [...README.matchAll(/<!-- readme-test: ([^>]+?) -->\n```[a-z]*\n([\s\S]*?)\n```/g)]
    .filter((match) => match[1] === tag)
    .map((match) => match[2]!);
  expect(blocks.length, `README blocks marked ${tag}`).toBeGreaterThan(0);
  return blocks;
}

/** Shell commands of a block: continued lines joined, blank and comment-only lines left out. */
function commandsOf(block: string): string[] {
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

/** "# exits 3: …" after a command says the exit code the README promises; else 0. */
const expectedExit = (command: string): number => Number(/#.*\bexits (\d+)\b/.exec(command)?.[1] ?? 0);

const singleQuoted = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** A bash script that runs each command and stops at the first exit code the README did not promise. */
function checkedScript(commands: ReadonlyArray<{ command: string; exit: number }>): string {
  const lines = ['set -u'];
  for (const { command, exit } of commands) {
    lines.push(command, `rc=$?; if [ "$rc" != ${exit} ]; then echo "README: ${singleQuoted(command).slice(1, -1)} exited $rc, not ${exit}" >&2; exit 97; fi`);
  }
  return `${lines.join('\n')}\n`;
}

/** A directory laid out like the clone (`fixtures/`), a home of its own, and `payslips` on PATH as `npm link` puts it. */
function cloneLikeDirectory(): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'payslips-readme-'));
  homes.push(dir);
  symlinkSync(join(REPO_ROOT, 'fixtures'), join(dir, 'fixtures'));
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'payslips'), `#!/bin/sh\nexec node ${singleQuoted(BIN)} "$@"\n`);
  chmodSync(join(bin, 'payslips'), 0o755);
  const env = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: dir,
    NO_COLOR: '1',
    TZ: 'Europe/Stockholm',
    XDG_CONFIG_HOME: join(dir, '.config'),
    XDG_DATA_HOME: join(dir, '.local', 'share'),
  };
  return { dir, env };
}

const bash = (script: string, cwd: string, env: Record<string, string>) =>
  execa('bash', ['-c', script], { cwd, env, extendEnv: false, reject: false, timeout: 150_000 });

/** The examples in the last column of the Commands table. */
function tableExamples(): string[] {
  const table = README.slice(README.indexOf('## Commands'), README.indexOf('### Environment variables'));
  return [...table.matchAll(/^\|.*\| `(payslips [^`]+)` \|$/gm)].map((match) => match[1]!);
}

describe('the README, run as written', () => {
  test('after npm ci, npx payslips runs the CLI from the clone', async () => {
    const result = await execa('npx', ['--no-install', 'payslips', '--version'], { cwd: REPO_ROOT, reject: false, timeout: 60_000 });
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(result.stdout).toBe(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });

  test('the local month-end works step by step, then every example of the Commands table', { timeout: 180_000 }, async () => {
    const { dir, env } = cloneLikeDirectory();
    const walkThrough = markedBlocks('month-end').flatMap(commandsOf).map((command) => ({ command, exit: expectedExit(command) }));
    expect(walkThrough.length).toBeGreaterThanOrEqual(15);

    const examples = tableExamples();
    expect(examples.length).toBeGreaterThanOrEqual(13);
    // The fixtures' 1008 and 1009 fail whenever they are sent; the emulator runs until
    // stopped, so it is started, read and stopped with Ctrl+C.
    const runnable = examples
      .filter((example) => !example.startsWith('payslips kivra-emulator'))
      .map((command) => ({ command, exit: command.startsWith('payslips send ') ? 3 : 0 }));
    const emulator = examples.find((example) => example.startsWith('payslips kivra-emulator'));
    expect(emulator).toBeDefined();
    const script = `${checkedScript([...walkThrough, ...runnable])}
${emulator} > emulator.out 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q listening emulator.out && break; sleep 0.1; done
kill -INT $pid; wait $pid; echo "emulator exit $?" >&2
`;
    const result = await bash(script, dir, env);
    expect(result.exitCode, `${result.stderr}`).toBe(0);
    const stdout = String(result.stdout);
    const stderr = String(result.stderr);

    // What the walk-through's text says happens.
    // The walk-through's sync warns of three employees; the table's sync example again.
    const warnings = stderr.split('\n').filter((line) => line.startsWith('warning: fixtures/payroll.json'));
    expect(warnings.map((line) => /employee (\d+)/.exec(line)?.[1])).toEqual(['1007', '1008', '1009', '1007', '1008', '1009']);
    expect(stdout).toMatch(/Employees\s+0 added, 0 updated, 10 unchanged/);
    expect(stdout).toMatch(/Payslips\s+0 added, 0 updated, 29 unchanged/);
    expect(stderr).toMatch(/Job 2 finished: failed\. delivered \d+, retained \d+, printed 2, failed 2\./);
    expect(readFileSync(join(dir, 'emulator.out'), 'utf8')).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(stderr).toContain('emulator exit 130');

    const tried = join(dir, 'try');
    const log = readFileSync(join(tried, 'utskick-2.csv'), 'utf8');
    expect(log.split(/\r?\n/).filter((line) => line !== '')).toHaveLength(11);
    for (const failed of ['1008', '1009']) expect(log).toMatch(new RegExp(`[;,]${failed}[;,].*[;,]failed[;,]`));
    for (const pdf of ['1001.pdf', '1003.pdf']) expect(readFileSync(join(tried, pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    const batches = readdirSync(join(tried, 'print')).filter((name) => name.endsWith('.pdf'));
    expect(batches.length).toBe(2);
    expect(readdirSync(join(tried, 'utskrift')).some((name) => name.endsWith('.pdf'))).toBe(true);
  });
});

/** Today in Stockholm, as `send --date today` reads it with TZ=Europe/Stockholm. */
const stockholmToday = (): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** The crontab of the README: its variables and the command of its one job. */
function readmeCrontab(): { variables: Record<string, string>; command: string } {
  const [crontab] = markedBlocks('crontab');
  const variables: Record<string, string> = {};
  let command = '';
  for (const line of crontab!.split('\n')) {
    const assignment = /^([A-Z_]+)=(.*)$/.exec(line);
    if (assignment) variables[assignment[1]!] = assignment[2]!;
    else if (/^[\d*]/.test(line)) command = line.split(/\s+/).slice(5).join(' ');
  }
  expect(command).toMatch(/^payslips /);
  return { variables, command };
}

/** The same absolute paths, under `root`: the crontab's /var/lib and /srv as a throw-away tree. */
const rerooted = (text: string, root: string): string => text.replace(/(^|[\s=])\/(var|srv)\//g, `$1${root}/$2/`);

/**
 * The README's cron mail as a pattern: the same lines in the same order, with any number
 * where it has one (job ids, counts, times) and its paths under `root`.
 */
function mailPattern(tag: string, root: string): RegExp[] {
  const [mail] = markedBlocks(`cron-mail ${tag}`);
  return rerooted(mail!, root)
    .split('\n')
    .map((line) => new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\d+/g, '\\d+')}$`));
}

function expectMail(stderr: string, patterns: RegExp[]): void {
  const lines = stderr.split('\n');
  let at = 0;
  for (const pattern of patterns) {
    const found = lines.findIndex((line, index) => index >= at && pattern.test(line));
    expect(found, `${pattern} in order in:\n${stderr}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

describe('the README, running from cron', () => {
  let emulatorProcess: ResultPromise | undefined;
  afterAll(() => {
    emulatorProcess?.kill('SIGINT');
  });

  /** `payslips kivra-emulator`, as "Connecting to Kivra" suggests, read for what it prints. */
  async function startEmulator(dir: string, env: Record<string, string>, recipients: string[]) {
    const file = join(dir, 'recipients.json');
    writeFileSync(file, JSON.stringify({ list: recipients }));
    const running = execa('payslips', ['kivra-emulator', '--recipients', file], { cwd: dir, env, extendEnv: false, reject: false });
    emulatorProcess = running;
    const printed = await new Promise<string>((resolve, reject) => {
      let text = '';
      // It talks to a person: everything it prints is on stderr.
      running.stderr.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('payslips activate --check')) resolve(text);
      });
      void running.then((result) => reject(new Error(`the emulator stopped: ${String(result.stderr)}`)));
    });
    const field = (pattern: RegExp): string => pattern.exec(printed)?.[1] ?? '';
    return {
      url: field(/listening on (http:\/\/\S+)/),
      tenantKey: field(/tenant key\s+([0-9a-f]+)/),
      clientId: field(/client id\s+(\S+)/),
      clientSecret: field(/client secret\s+(\S+)/),
    };
  }

  /** A cron user's tree under `root`: activated on "sandbox", credentials in the README's file format, the cron operator added. */
  async function setUp(root: string, env: Record<string, string>, emulator: Awaited<ReturnType<typeof startEmulator>>, variables: Record<string, string>) {
    const credentialsPath = rerooted(variables.PAYSLIPS_CREDENTIALS!, root);
    const [example] = markedBlocks('credentials-file');
    const credentials = JSON.parse(example!.replace('"client_id": "…"', JSON.stringify({ client_id: emulator.clientId }).slice(1, -1)).replace('"client_secret": "…"', JSON.stringify({ client_secret: emulator.clientSecret }).slice(1, -1)));
    mkdirSync(dirname(credentialsPath), { recursive: true, mode: 0o700 });
    writeFileSync(credentialsPath, JSON.stringify(credentials), { mode: 0o600 });
    const adminEnv = { ...env, PAYSLIPS_DB: rerooted(variables.PAYSLIPS_DB!, root), PAYSLIPS_CREDENTIALS: credentialsPath, PAYSLIPS_USER: 'anna' };
    const setup = checkedScript([
      { command: `payslips activate --org-number 556677-8899 --name "Ekbacken Bygg & Måleri AB" --licence on --environment sandbox --api-url ${emulator.url} --tenant-key ${emulator.tenantKey} --retention-days 390 --send-payslips on --print on --active on --apply-to-employees yes`, exit: 0 },
      { command: 'payslips activate --check', exit: 0 },
      { command: 'payslips users add lon-cron --role payroll', exit: 0 },
    ]);
    const result = await bash(setup, root, adminEnv);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    return adminEnv;
  }

  /** The fixtures' export with the November run paying out today, where the crontab expects it. */
  function writeExport(root: string, command: string, edit: (payroll: Record<string, any>) => void): void {
    const path = /--from (\S+)/.exec(rerooted(command, root))![1]!;
    const payroll = JSON.parse(readFileSync(PAYROLL_JSON, 'utf8')) as Record<string, any>;
    payroll.pay_runs.find((run: { id: string }) => run.id === '2025-11').payout_date = stockholmToday();
    // In this register everyone is flagged for Kivra, so the mails have no "skipped".
    for (const employee of payroll.employees) employee.kivra = true;
    edit(payroll);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(payroll));
  }

  test('the crontab job: exit 0, 3 and 4 with the mails the README shows; a re-run waits for fixes; no payout today is exit 0', { timeout: 120_000 }, async () => {
    const { dir, env } = cloneLikeDirectory();
    const { variables, command } = readmeCrontab();
    expect(Object.keys(variables)).toEqual(expect.arrayContaining(['PAYSLIPS_DB', 'PAYSLIPS_CREDENTIALS', 'PAYSLIPS_USER']));
    const corrected = { '1008': '198501012382', '1009': '198501022381' };
    const emulator = await startEmulator(dir, env, [...RECIPIENTS, ...Object.values(corrected)]);
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const cronJob = (root: string) => {
      const cronEnv: Record<string, string> = { ...env };
      for (const [name, value] of Object.entries(variables)) if (name !== 'MAILTO') cronEnv[name] = rerooted(value, root);
      return bash(rerooted(command, root), root, cronEnv);
    };

    // A month where every payslip can go out.
    const good = join(dir, 'good');
    await setUp(good, env, emulator, variables);
    writeExport(good, command, (payroll) => {
      for (const employee of payroll.employees) {
        if (employee.employee_number in corrected) employee.personnummer = corrected[employee.employee_number as keyof typeof corrected];
      }
    });
    const success = await cronJob(good);
    expect(success.exitCode, String(success.stderr)).toBe(0);
    expectMail(String(success.stderr), mailPattern('success', good));

    // The fixtures as they are: 1008 has no personnummer, 1009 a wrong one.
    const partial = join(dir, 'partial');
    await setUp(partial, env, emulator, variables);
    writeExport(partial, command, () => undefined);
    const failed = await cronJob(partial);
    expect(failed.exitCode, String(failed.stderr)).toBe(3);
    expectMail(String(failed.stderr), mailPattern('partial', partial));
    // The next day, nothing corrected yet: no new job, the same names, exit 3.
    const waiting = await cronJob(partial);
    expect(waiting.exitCode, String(waiting.stderr)).toBe(3);
    expectMail(String(waiting.stderr), mailPattern('waiting', partial));

    // A day when no run pays out, for the daily variant: nothing to do, exit 0.
    const refused = join(dir, 'refused');
    const adminEnv = await setUp(refused, env, emulator, variables);
    writeExport(refused, command, (payroll) => {
      payroll.pay_runs.find((run: { id: string }) => run.id === '2025-11').payout_date = '2025-11-25';
    });
    const idle = await cronJob(refused);
    expect(idle.exitCode, String(idle.stderr)).toBe(0);
    expect(String(idle.stderr)).toContain('Nothing to send');

    // Sending switched off by an admin: the import still runs, the send is refused.
    writeExport(refused, command, () => undefined);
    const off = await bash('payslips activate --send-payslips off --apply-to-employees no', refused, adminEnv);
    expect(off.exitCode, String(off.stderr)).toBe(0);
    const refusal = await cronJob(refused);
    expect(refusal.exitCode, String(refusal.stderr)).toBe(4);
    expectMail(String(refusal.stderr), mailPattern('refused', refused));
    expect(existsSync(join(refused, 'var', 'lib', 'payslips', 'print'))).toBe(false);
  });
});

