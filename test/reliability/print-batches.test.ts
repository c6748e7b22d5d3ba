import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { afterEach, expect, test } from 'vitest';
import { BIN, createSandbox, type Sandbox } from '../helpers/cli.js';
import { kivraEnv, prepareCompany, startFaultKivra, type FaultKivra } from './support/fault-kivra.js';
import { generatePayroll, PAYOUT_DATE } from './support/generated-payroll.js';

/**
 * Print batches of a job: every file the job wrote is reported wherever the batch is,
 * with page counts; a crash between writing a batch and recording it never makes a
 * payslip print twice, nor leaves a batch nobody knows of.
 */

let sb: Sandbox | undefined;
let kivras: FaultKivra[] = [];
afterEach(async () => {
  for (const k of kivras) await k.close();
  kivras = [];
  sb?.cleanup();
  sb = undefined;
});

const COUNT = 20;

/** Every other employee has a mailbox; the rest are printed. */
async function setUp() {
  sb = createSandbox();
  const stateFile = join(sb.dir, 'kivra-state.jsonl');
  const { ssns } = generatePayroll(COUNT);
  const kivra = await startFaultKivra(ssns.filter((_, i) => i % 2 === 1), { stateFile });
  kivras.push(kivra);
  await prepareCompany(sb, kivra, COUNT);
  expect((await sb.run(['activate', '--print', 'on', '--apply-to-employees', 'yes'], { env: kivraEnv })).exitCode).toBe(0);
  return { sb, kivra, ssns, stateFile, printDir: join(sb.dir, 'data', 'print') };
}

const send = (s: Sandbox, extra: string[] = []) =>
  execa('node', [BIN, 'send', '--date', PAYOUT_DATE, '--yes', ...extra], { env: { ...s.env, ...kivraEnv }, extendEnv: false, reject: false, timeout: 120_000 });

/** The employee numbers in a manifest, in page order. */
const manifestEmployees = (path: string): string[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]!);

function sql(s: Sandbox, statements: string): void {
  const db = new Database(s.dbPath);
  try {
    db.exec(statements);
  } finally {
    db.close();
  }
}

test('a job resumed after Kivra went away has two batch files: the log, --json and the summary name both, with pages', async () => {
  const { sb, kivra, ssns, stateFile, printDir } = await setUp();
  kivra.setFaults({ latencyMs: 300 });
  const first = send(sb, ['--concurrency', '1']);
  const printedSoFar = () => (existsSync(printDir) ? readdirSync(printDir).filter((f) => f.endsWith('.csv.partial')).reduce((n, f) => n + readFileSync(join(printDir, f), 'utf8').trim().split('\n').length - 1, 0) : 0);
  while (printedSoFar() < 3 && first.exitCode === null) await delay(10);
  await kivra.close();
  const aborted = await first;
  expect(aborted.exitCode, String(aborted.stderr)).toBe(5);
  expect(String(aborted.stderr)).toMatch(/Print batch: .*print-job-1-.*\.pdf \(\d+ payslips, \d+ pages/);

  const back = await startFaultKivra(ssns.filter((_, i) => i % 2 === 1), { port: kivra.port, stateFile });
  kivras.push(back);
  const rerun = await send(sb, ['--json']);
  expect(rerun.exitCode, String(rerun.stderr)).toBe(0);
  const out = JSON.parse(String(rerun.stdout));
  expect(out).toMatchObject({ jobId: 1, resumed: true, status: 'succeeded', totals: { printed: COUNT / 2, delivered: COUNT / 2 } });
  expect(out.printBatches).toHaveLength(2);
  const [one, two] = out.printBatches;
  // Each payslip is one page and a blank one, so each starts on its own sheet printed duplex.
  for (const batch of out.printBatches) expect(batch).toMatchObject({ pages: batch.payslips * 2, blankPages: batch.payslips });
  expect(one.payslips + two.payslips).toBe(COUNT / 2);
  // Every printed payslip is in exactly one of them.
  const printed = [...manifestEmployees(one.manifestPath), ...manifestEmployees(two.manifestPath)];
  expect(printed.sort()).toEqual(Array.from({ length: COUNT / 2 }, (_, i) => String(1001 + 2 * i)).sort());
  expect(String(rerun.stderr).match(/^Print batch: /gm)).toHaveLength(2);

  const log = await sb.run(['log', '1']);
  expect(String(log.stdout).match(/Print batch: .*\(\d+ payslips, \d+ pages with \d+ blank for two-sided printing; manifest .*\)/g)).toHaveLength(2);
  const jobs = JSON.parse(String((await sb.run(['log', '--json'])).stdout)).jobs;
  expect(jobs[0].printBatches.map((b: Record<string, unknown>) => b.file)).toEqual([one.pdfPath, two.pdfPath]);
});

test('a crash after the batch file was put in place but before its payslips were recorded printed: the re-run settles it, nothing is printed twice', async () => {
  const { sb, printDir } = await setUp();
  const done = await send(sb, ['--json']);
  expect(done.exitCode, String(done.stderr)).toBe(0);
  const batch = JSON.parse(String(done.stdout)).printBatches[0];
  // The database as a kill -9 right after the rename leaves it.
  sql(sb, `UPDATE print_batches SET state = 'finishing', finished_at = NULL;
    UPDATE payslips SET delivered_at = NULL, delivered_fingerprint = NULL, delivered_status = NULL
      WHERE id IN (SELECT payslip_id FROM send_items WHERE state = 'printed');
    UPDATE send_items SET state = 'pending', finished_at = NULL WHERE state = 'printed';
    UPDATE send_jobs SET status = 'interrupted';`);
  // The doctor says not to print it yet, and how to settle it.
  const doctor = await sb.run(['doctor', '--json']);
  expect(doctor.exitCode).toBe(3);
  expect(sb.json(doctor).findings).toContainEqual(
    expect.objectContaining({ code: 'print_batch_unsettled', message: expect.stringContaining(batch.pdfPath), fix: expect.stringMatching(/^Do not print it yet\. Finish the job: payslips send --company 5566778899 --date 2025-11-25 --status final;/) }),
  );

  const rerun = await send(sb, ['--json']);
  expect(rerun.exitCode, String(rerun.stderr)).toBe(0);
  const out = JSON.parse(String(rerun.stdout));
  expect(out).toMatchObject({ jobId: 1, resumed: true, status: 'succeeded', totals: { printed: COUNT / 2 } });
  expect((await sb.run(['doctor'])).exitCode).toBe(0);
  expect(out.printBatches).toEqual([expect.objectContaining({ pdfPath: batch.pdfPath, payslips: COUNT / 2 })]);
  expect(readdirSync(printDir).filter((f) => f.endsWith('.pdf'))).toEqual([batch.pdfPath.split('/').at(-1)]);
  const select = JSON.parse(String((await sb.run(['select', '--date', PAYOUT_DATE, '--json'], { env: kivraEnv })).stdout));
  expect(select.items.every((i: Record<string, unknown>) => i.reason === 'already_delivered')).toBe(true);
});

test('a crash before the batch file got its name: the half-written files are never printed, the re-run prints those payslips in a new batch', async () => {
  const { sb, printDir } = await setUp();
  const done = await send(sb, ['--json']);
  expect(done.exitCode, String(done.stderr)).toBe(0);
  const batch = JSON.parse(String(done.stdout)).printBatches[0];
  renameSync(batch.pdfPath, `${batch.pdfPath}.partial`);
  renameSync(batch.manifestPath, `${batch.manifestPath}.partial`);
  sql(sb, `UPDATE print_batches SET state = 'finishing', finished_at = NULL;
    UPDATE payslips SET delivered_at = NULL, delivered_fingerprint = NULL, delivered_status = NULL
      WHERE id IN (SELECT payslip_id FROM send_items WHERE state = 'printed');
    UPDATE send_items SET state = 'pending', finished_at = NULL WHERE state = 'printed';
    UPDATE send_jobs SET status = 'interrupted';`);

  // A later moment, so the new batch has a name of its own.
  await delay(1100);
  const rerun = await send(sb, ['--json']);
  expect(rerun.exitCode, String(rerun.stderr)).toBe(0);
  const out = JSON.parse(String(rerun.stdout));
  expect(out.printBatches).toHaveLength(1);
  expect(out.printBatches[0].pdfPath).not.toBe(batch.pdfPath);
  expect(manifestEmployees(out.printBatches[0].manifestPath)).toHaveLength(COUNT / 2);
  expect(readdirSync(printDir).filter((f) => f.endsWith('.partial'))).toEqual([]);
});

test('doctor flags a batch file in the print directory that no finished job owns', async () => {
  const { sb, printDir } = await setUp();
  const done = await send(sb, ['--json']);
  expect(done.exitCode, String(done.stderr)).toBe(0);
  expect((await sb.run(['doctor'])).exitCode).toBe(0);
  const batch = JSON.parse(String(done.stdout)).printBatches[0];
  const stray = join(printDir, 'print-job-7-20251125T050000.pdf');
  copyFileSync(batch.pdfPath, stray);
  const doctor = await sb.run(['doctor', '--json']);
  expect(doctor.exitCode).toBe(3);
  expect(sb.json(doctor).findings).toContainEqual(expect.objectContaining({ code: 'print_batch_unknown', details: [stray], fix: expect.stringMatching(/^Do not print them/) }));
});
