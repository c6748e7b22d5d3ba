import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { BIN, createSandbox, type Sandbox } from '../helpers/cli.js';
import { receivedJson } from '../helpers/month-end.js';
import { kivraEnv, prepareCompany, startFaultKivra, type FaultKivra } from './support/fault-kivra.js';
import { generatePayroll, PAYOUT_DATE, writePayroll } from './support/generated-payroll.js';

/**
 * A delivery counts for what was sent. A payroll export imported while a send runs, or
 * between an aborted send and its re-run, must never make the database record figures as
 * delivered that Kivra did not get: the first is refused, the second is recorded as what
 * was posted, and the payslip then reads "changed since delivery".
 */

let sb: Sandbox | undefined;
let kivras: FaultKivra[] = [];
afterEach(async () => {
  for (const k of kivras) await k.close();
  kivras = [];
  sb?.cleanup();
  sb = undefined;
});

function startSend(s: Sandbox, extra: string[] = []): ResultPromise<{ reject: false }> {
  return execa('node', [BIN, 'send', '--date', PAYOUT_DATE, '--yes', '--json', ...extra], {
    env: { ...s.env, ...kivraEnv },
    extendEnv: false,
    reject: false,
    timeout: 120_000,
  }) as ResultPromise<{ reject: false }>;
}

/** The same export with every tax a krona higher (and net pay a krona lower): a corrected run. */
function corrected(count: number): Record<string, any> {
  const doc = generatePayroll(count).doc as Record<string, any>;
  for (const payslip of doc.pay_runs[0].payslips) {
    payslip.tax = `${Number(payslip.tax) + 1}.00`;
    payslip.net_pay = `${Number(payslip.net_pay) - 1}.00`;
  }
  return doc;
}

function whenAccepted(k: FaultKivra, n: number): Promise<void> {
  return new Promise((resolve) => {
    const count = () => k.requestLog.filter((e) => e.endpoint === 'content' && e.status === 201).length;
    if (count() >= n) return resolve();
    k.onRequest = () => {
      if (count() >= n) {
        k.onRequest = undefined;
        resolve();
      }
    };
  });
}

function taxesInDatabase(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT tax_ore FROM payslips ORDER BY id').pluck().all() as number[]).map(String);
  } finally {
    db.close();
  }
}

test('sync while a send runs is refused (exit 4) and changes nothing; after the send it goes through', async () => {
  sb = createSandbox();
  const count = 20;
  const kivra = await startFaultKivra(generatePayroll(count).ssns);
  kivras.push(kivra);
  await prepareCompany(sb, kivra, count);
  kivra.setFaults({ latencyMs: 150 });
  const before = taxesInDatabase(sb.dbPath);

  const send = startSend(sb, ['--concurrency', '1']);
  await whenAccepted(kivra, 2);
  const path = writePayroll(join(sb.dir), { doc: corrected(count), ssns: [] });
  const sync = await sb.run(['sync', '--from', path, '--offline', '--json'], { env: kivraEnv });
  expect(sync.exitCode, String(sync.stderr)).toBe(4);
  expect(sb.json(sync).error).toMatchObject({ code: 'send_running' });
  expect(sb.json(sync).error.message).toMatch(/A send for Prov AB is running \(job 1, pid \d+ on .*\); sync would change the payslips it is sending\. Nothing was imported\./);
  expect(taxesInDatabase(sb.dbPath)).toEqual(before);

  const sent = await send;
  expect(sent.exitCode, String(sent.stderr)).toBe(0);
  kivra.setFaults({});
  const after = await sb.run(['sync', '--from', path, '--offline', '--json'], { env: kivraEnv });
  expect(after.exitCode, String(after.stderr)).toBe(0);
  // Every delivered payslip now differs from what was sent: corrections waiting, none recorded as sent.
  expect(sb.json(after).deliveryChanges).toEqual([{ payoutDate: PAYOUT_DATE, status: 'final', changed: count, finalNotSent: 0 }]);
});

test('an export imported between an aborted send and its re-run: each payslip is recorded as the version Kivra got', async () => {
  sb = createSandbox();
  const count = 30;
  const stateFile = join(sb.dir, 'kivra-state.jsonl');
  const { ssns } = generatePayroll(count);
  const kivra = await startFaultKivra(ssns, { stateFile });
  kivras.push(kivra);
  await prepareCompany(sb, kivra, count);
  kivra.setFaults({ latencyMs: 30 });

  // Kivra goes away mid-job: some payslips delivered, some posted with no answer, the rest not yet.
  const first = startSend(sb, ['--concurrency', '4']);
  await whenAccepted(kivra, 10);
  await kivra.close();
  const aborted = await first;
  expect(aborted.exitCode, String(aborted.stderr)).toBe(5);

  // The payroll office corrects the run meanwhile.
  const correctedDoc = corrected(count);
  const path = writePayroll(join(sb.dir), { doc: correctedDoc, ssns: [] });
  expect((await sb.run(['sync', '--from', path, '--offline'], { env: kivraEnv })).exitCode).toBe(0);

  const back = await startFaultKivra(ssns, { port: kivra.port, stateFile });
  kivras.push(back);
  const rerun = await startSend(sb);
  expect(rerun.exitCode, String(rerun.stderr)).toBe(0);

  // What Kivra holds for each person: the tax of the last content it accepted for them,
  // from the bodies each run of the emulator saw (its state file keeps no bodies).
  const heldTax = new Map<string, string>();
  for (const content of [...kivra.state.contents, ...back.state.contents]) {
    if (content.body) heldTax.set(content.ssn!, receivedJson(content.body).salaryslip.pay_period.tax_deducted.monetary_amount as string);
  }
  expect(heldTax.size).toBe(count);
  const select = await sb.run(['select', '--date', PAYOUT_DATE, '--json'], { env: kivraEnv });
  const state = new Map<string, string>(sb.json(select).items.map((i: Record<string, any>) => [i.personnummer, i.reason]));
  const taxNow = new Map<string, string>(correctedDoc.employees.map((e: Record<string, any>, index: number) => [ssns[index]!, `${correctedDoc.pay_runs[0].payslips[index].tax}`]));
  let old = 0;
  for (const ssn of ssns) {
    const current = Number(heldTax.get(ssn)) === Number(taxNow.get(ssn));
    // The database agrees with Kivra: what it holds is the current version, or the payslip reads as changed since delivery.
    expect(state.get(ssn), ssn).toBe(current ? 'already_delivered' : 'changed_since_delivery');
    if (!current) old++;
  }
  // The payslips Kivra got before the correction are the ones waiting for `send --changed`.
  expect(old).toBeGreaterThanOrEqual(10);
});
