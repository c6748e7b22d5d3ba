import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { execa } from 'execa';
import { afterEach, expect, test } from 'vitest';
import { BIN, createSandbox, type Sandbox } from '../helpers/cli.js';
import { kivraEnv, prepareCompany, startFaultKivra, type FaultKivra } from './support/fault-kivra.js';
import { PAYOUT_DATE } from './support/generated-payroll.js';
import { databaseProblems, readJobCsv } from './support/invariants.js';

/**
 * `kill -9` while the print batch is being written: what is left in the print directory
 * must never look like a batch to print, or the payslips in it are printed twice (they
 * are still unsent, and the re-run prints them in its own batch).
 */

let sb: Sandbox | undefined;
let kivra: FaultKivra | undefined;
afterEach(async () => {
  await kivra?.close();
  sb?.cleanup();
  sb = kivra = undefined;
});

const COUNT = 60;

test('kill -9 mid print batch: no half-written batch is left to print, the re-run prints each payslip once', async () => {
  sb = createSandbox();
  // Nobody has a mailbox: every payslip goes to the print batch.
  kivra = await startFaultKivra([]);
  await prepareCompany(sb, kivra, COUNT);
  expect((await sb.run(['activate', '--print', 'on', '--apply-to-employees', 'yes'], { env: kivraEnv })).exitCode).toBe(0);
  const printDir = join(sb.dir, 'data', 'print');
  const manifestLines = (): number =>
    existsSync(printDir) ? readdirSync(printDir).filter((f) => f.includes('.csv')).reduce((n, f) => n + readFileSync(join(printDir, f), 'utf8').split('\n').length - 2, 0) : 0;

  const child = execa('node', [BIN, 'send', '--date', PAYOUT_DATE, '--yes', '--concurrency', '2'], { env: { ...sb.env, ...kivraEnv }, extendEnv: false, reject: false });
  while (manifestLines() < 5 && child.exitCode === null) await delay(10);
  child.kill('SIGKILL');
  expect((await child).signal).toBe('SIGKILL');

  const leftovers = existsSync(printDir) ? readdirSync(printDir) : [];
  expect(leftovers.filter((f) => f.endsWith('.pdf') || f.endsWith('.csv')), 'files that look like a finished batch').toEqual([]);

  // The doctor points at the unfinished batch: not to be printed.
  const doctor = await sb.run(['doctor']);
  expect(doctor.exitCode).toBe(3);
  expect(String(doctor.stdout)).toMatch(/unfinished print batch files? in .*print/);
  expect(String(doctor.stdout)).toContain('Do not print');

  const rerun = await sb.run(['send', '--date', PAYOUT_DATE, '--yes', '--json'], { env: kivraEnv, timeout: 120_000 });
  expect(rerun.exitCode, String(rerun.stderr)).toBe(0);
  const job = sb.json(rerun);
  expect(job).toMatchObject({ resumed: true, status: 'succeeded', totals: { printed: COUNT } });
  // One batch, holding every payslip once.
  const batches = readdirSync(printDir).filter((f) => f.endsWith('.pdf'));
  expect(job.printBatches).toHaveLength(1);
  expect(batches).toEqual([job.printBatches[0].file.split('/').at(-1)]);
  const manifest = readFileSync(job.printBatches[0].manifest, 'utf8').trim().split('\n').slice(1);
  expect(manifest).toHaveLength(COUNT);
  expect(new Set(manifest.map((line) => line.split(',')[0])).size).toBe(COUNT);
  expect((await readJobCsv(sb, job.jobId)).every((r) => r.outcome === 'printed')).toBe(true);
  expect(databaseProblems(sb.dbPath)).toEqual([]);
  // Once the job is done, --fix removes the leftovers and all is well.
  expect((await sb.run(['doctor', '--fix'])).exitCode).toBe(0);
  expect(readdirSync(printDir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  expect((await sb.run(['doctor'])).exitCode).toBe(0);
}, 120_000);
