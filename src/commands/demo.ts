import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defineCommand } from './command.js';
import { ExitError, InterruptedError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { paint } from '../ui/colour.js';

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(PACKAGE_ROOT, 'bin', 'payslips.js');
const FIXTURES = join(PACKAGE_ROOT, 'fixtures');

/**
 * `payslips demo`: the whole month-end on the bundled sample company, against the built-in
 * Kivra emulator, in a fresh temporary database (or --db). Each step runs the real CLI
 * and shows the command first, so the demo doubles as a guided tour.
 */
/** The global --db, when given: the demo then works in that database instead of a temporary one. */
const demoOptionsSchema = z.object({ db: z.string().optional() });

export const command = defineCommand(demoOptionsSchema, async (ctx, options) => {
  const explicitDb = options.db;
  const home = explicitDb ? dirname(resolve(explicitDb)) : mkdtempSync(join(tmpdir(), 'payslips-demo-'));
  const db = explicitDb ? resolve(explicitDb) : join(home, 'payslips.db');
  const payroll = JSON.parse(readFileSync(join(FIXTURES, 'payroll.json'), 'utf8')) as {
    company: { org_number: string; name: string };
    pay_runs: Array<{ id: string; payout_date: string; status: string }>;
  };
  const finalRun = payroll.pay_runs.filter((r) => r.status === 'final').sort((a, b) => b.payout_date.localeCompare(a.payout_date))[0]!;
  const env = {
    ...ctx.env,
    PAYSLIPS_DB: db,
    PAYSLIPS_USER: ctx.operator,
    PAYSLIPS_LOCAL_RECIPIENTS: join(FIXTURES, 'kivra-recipients.json'),
    PAYSLIPS_COMPANY: payroll.company.org_number,
  };
  const say = (text: string): void => ctx.terminal.info(['\n', paint('bold', text)]);
  const step = (args: string[], options: { capture?: boolean; okCodes?: number[] } = {}): string => {
    ctx.terminal.info(paint('info', `$ payslips ${args.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')}`));
    // Under --json stdout carries the demo's one JSON document, so the steps' own results go to stderr.
    const stepStdout = options.capture ? 'pipe' : ctx.json ? 2 : 'inherit';
    const result = spawnSync(process.execPath, [BIN, ...args], { env, stdio: ['ignore', stepStdout, 'inherit'], encoding: 'utf8' });
    if (result.signal === 'SIGINT' || result.status === 130) throw new InterruptedError();
    if (!(options.okCodes ?? [0]).includes(result.status ?? 1)) {
      throw new ExitError(1, 'demo_step_failed', t().tools.demo.stepFailed(`payslips ${args.join(' ')}`, String(result.status)));
    }
    return options.capture ? result.stdout : '';
  };

  const words = t().tools.demo;
  say(words.intro(payroll.company.name));
  ctx.terminal.info(words.database(db));

  say(words.activate);
  step([
    'activate', '--org-number', payroll.company.org_number, '--name', payroll.company.name, '--licence', 'on', '--environment', 'local',
    '--retention-days', '390', '--send-payslips', 'on', '--print', 'on', '--active', 'on', '--apply-to-employees', 'no',
  ]);

  say(words.sync);
  step(['sync', '--from', join(FIXTURES, 'payroll.json')]);
  step(['employees', 'list']);

  say(words.select(finalRun.id, finalRun.payout_date));
  step(['select', '--date', finalRun.payout_date]);

  say(words.send);
  step(['send', '--date', finalRun.payout_date, '--yes'], { okCodes: [0, 3] });

  say(words.log);
  step(['log']);
  const jobs = JSON.parse(step(['log', '--json'], { capture: true })) as { jobs: Array<{ jobId: number; printBatches: Array<{ file: string }> }> };
  const job = jobs.jobs[0]!;
  const printBatch = job.printBatches.at(-1)?.file ?? null;
  const csv = join(home, `utskick-${job.jobId}.csv`);
  step(['log', String(job.jobId), '--csv', csv]);

  say(words.done);
  ctx.terminal.info(words.csvLog(csv));
  ctx.terminal.info(words.printBatch(printBatch ?? words.noPrintBatch));
  ctx.terminal.info(words.tryIt(db, String(job.jobId)));
  return { json: { database: db, jobId: job.jobId, csvLog: csv, printBatch } };
});
