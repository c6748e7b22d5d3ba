import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { runInPty } from '../helpers/pty.js';
import {
  dropLocalTemplate,
  fixtureNetPay,
  kronorEn,
  localKivraContents,
  localMonthEnd,
  parseCsv,
  PLANNED_CHANNELS,
  SSN,
  type MonthEnd,
} from '../helpers/month-end.js';

/**
 * `send` in the `local` environment: the in-process emulator, its memory beside the
 * database, recipients from PAYSLIPS_LOCAL_RECIPIENTS.
 */

let sb: MonthEnd | undefined;
afterEach(() => sb?.cleanup());
afterAll(() => dropLocalTemplate());

const OUTCOME_OF_CHANNEL: Record<string, string> = { kivra: 'delivered', print: 'printed', retain: 'retained', skip: 'skipped', fail: 'failed' };

/** The fixtures' net pay of the 2025-11 run summed per outcome a send gives it, in öre. */
function netPayByOutcome(): Record<string, number> {
  const sums: Record<string, number> = { delivered: 0, retained: 0, printed: 0, skipped: 0, failed: 0, total: 0 };
  for (const [number, ore] of fixtureNetPay('2025-11')) {
    sums[OUTCOME_OF_CHANNEL[PLANNED_CHANNELS[number]!]!]! += ore;
    sums.total! += ore;
  }
  return sums;
}

describe('send in the local environment', () => {
  test('every channel ends in its outcome; --json gives job, totals with net pay, each payslip and the print batch', async () => {
    sb = await localMonthEnd();
    const printDir = join(sb.dir, 'utskrift');
    const r = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json', '--print-dir', printDir]);
    // Two payslips fail (missing and invalid personnummer): the job finished with failures.
    expect(r.exitCode, String(r.stderr)).toBe(3);
    const out = sb.json(r);
    expect(out.jobId).toBe(1);
    expect(out.status).toBe('failed');
    expect(out.totals).toEqual({ delivered: 3, retained: 2, printed: 2, skipped: 1, failed: 2, netPayOre: netPayByOutcome() });
    // The shared vocabulary (docs/json.md): jobId, print batches by their files, no internal row ids.
    expect(Object.keys(out.printBatches[0]).sort()).toEqual(['blankPages', 'file', 'manifest', 'pages', 'payslips']);
    for (const entry of [...out.items, ...out.unresolved]) expect(Object.keys(entry).filter((key) => /^(id|itemId|payslipId|batchId)$/.test(key))).toEqual([]);
    expect(out.unresolved.map((u: Record<string, any>) => [u.employeeNumber, u.jobId])).toEqual([['1008', 1], ['1009', 1]]);

    const byNumber = new Map<string, Record<string, any>>(out.items.map((i: Record<string, any>) => [i.employeeNumber, i]));
    expect([...byNumber.keys()]).toEqual(Object.keys(PLANNED_CHANNELS));
    for (const [number, channel] of Object.entries(PLANNED_CHANNELS)) {
      expect(byNumber.get(number), number).toMatchObject({ channel, outcome: OUTCOME_OF_CHANNEL[channel], payRun: '2025-11' });
    }
    // Kivra's content key for what reached Kivra; the local reason for the rest.
    for (const number of ['1001', '1002', '1005', '1006', '1007']) expect(byNumber.get(number)!.kivraContentKey).toMatch(/^\w{10,}/);
    expect(byNumber.get('1008')).toMatchObject({ errorCode: 'missing_personnummer', personnummer: null });
    expect(byNumber.get('1009')).toMatchObject({ errorCode: 'invalid_personnummer' });
    expect(byNumber.get('1010')).toMatchObject({ reason: 'not_flagged_for_kivra', errorCode: null });
    // --json carries personnummer in full.
    expect(byNumber.get('1001')!.personnummer).toBe(SSN['1001']);

    // The print batch: one merged PDF and a manifest, owner-only, in --print-dir.
    expect(out.printBatches).toHaveLength(1);
    const batch = out.printBatches[0];
    // Two one-page payslips, each followed by a blank page so that each starts on its own sheet printed duplex.
    expect(batch).toMatchObject({ payslips: 2, pages: 4, blankPages: 2 });
    expect(batch.file.startsWith(printDir)).toBe(true);
    for (const file of [batch.file, batch.manifest]) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(batch.file).subarray(0, 5).toString()).toBe('%PDF-');
    const manifest = parseCsv(readFileSync(batch.manifest, 'utf8'));
    expect(manifest[0]).toEqual(['employee_number', 'name', 'address', 'first_page', 'pages', 'pay_run', 'blank_pages_after']);
    expect(manifest.slice(1).map((row) => row[0]).sort()).toEqual(['1003', '1004']);
    expect(manifest.find((row) => row[0] === '1003')!.slice(1, 3)).toEqual(['Linnéa Bäckström', 'Södra Esplanaden 21 lgh 1102, 211 42 Malmö']);
    expect(manifest.slice(1).map((row) => [row[3], row[4], row[6]])).toEqual([['1', '1', '1'], ['3', '1', '1']]);
    expect(byNumber.get('1003')!.printBatch).toBe(batch.file);

    // What the local Kivra accepted: three delivered, two retained, nothing for anyone else.
    const accepted = localKivraContents(sb);
    expect(accepted.filter((c) => c.outcome === 'delivered').map((c) => c.ssn).sort()).toEqual([SSN['1001'], SSN['1002'], SSN['1005']].sort());
    expect(accepted.filter((c) => c.outcome === 'retained').map((c) => c.ssn).sort()).toEqual([SSN['1006'], SSN['1007']].sort());
  });

  test('a re-run sends nothing again and starts no job, but names who still fails; human output on stderr', async () => {
    sb = await localMonthEnd();
    const first = await sb.run(['send', '--date', 'latest', '--yes']);
    expect(first.exitCode, String(first.stderr)).toBe(3);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain('Job 1 started: 10 payslips to handle.');
    expect(first.stderr).toContain('Job 1 finished: failed. delivered 3, retained 2, printed 2, skipped 1, failed 2.');
    // Count and net pay per outcome, as the payroll system's pay run adds them up.
    const sums = netPayByOutcome();
    expect(first.stderr).toMatch(/^ {2}Outcome\s+Payslips\s+Net pay$/m);
    for (const [outcome, n] of [['delivered', 3], ['retained', 2], ['printed', 2], ['skipped', 1], ['failed', 2]] as const) {
      expect(first.stderr).toMatch(new RegExp(`^ {2}${outcome}\\s+${n}\\s+${kronorEn(sums[outcome]!)}$`, 'm'));
    }
    expect(first.stderr).toMatch(new RegExp(`^ {2}Total\\s+10\\s+${kronorEn(sums.total!)}$`, 'm'));
    // Default print directory: print/ beside the database.
    expect(first.stderr).toMatch(new RegExp(`Print batch: ${join(sb.dir, 'data', 'print')}/print-job-1-\\S+\\.pdf \\(2 payslips`));
    expect(first.stderr).toContain('payslips log 1');

    // Everything else went out, and 1008 and 1009 failed for data that has not changed:
    // nothing to do, so no job, but exit 3 while they wait for a fix, each named.
    const again = await sb.run(['send', '--date', 'latest', '--yes', '--json']);
    expect(again.exitCode).toBe(3);
    const out = sb.json(again);
    expect(out).toMatchObject({ jobId: null, status: 'nothing_to_send', printBatches: [], items: [] });
    expect(out.unresolved).toEqual([
      expect.objectContaining({ employeeNumber: '1008', name: 'Ingrid Nyström', code: 'missing_personnummer', message: 'personnummer is missing', jobId: 1 }),
      expect.objectContaining({ employeeNumber: '1009', name: 'Örjan Ågren', code: 'invalid_personnummer', personnummerEntered: '19820305-2398', message: 'personnummer "19820305-2398" is not valid: the check digit is wrong', jobId: 1 }),
    ]);
    expect(sb.json(await sb.run(['log', '--json'])).jobs).toHaveLength(1);
    expect(localKivraContents(sb)).toHaveLength(5);
    const human = await sb.run(['send', '--date', 'latest', '--yes']);
    expect(human.exitCode).toBe(3);
    expect(human.stderr).toContain('Nothing to send for payout date 2025-11-25: no job was started.');
    expect(human.stderr).toContain('1008 Ingrid Nyström (pay run 2025-11): personnummer is missing');
    // On screen the entered number is masked like any personnummer.
    expect(human.stderr).toContain('1009 Örjan Ågren (pay run 2025-11): personnummer "19820305-****" is not valid: the check digit is wrong');
  });

  test('--employees picks payslips by number or personnummer; --resend sends a delivered one again', async () => {
    sb = await localMonthEnd();
    const first = await sb.run(['send', '--date', '2025-11-25', '--employees', '1001,19830609-2399', '--yes', '--json']);
    expect(first.exitCode, String(first.stderr)).toBe(0);
    const out = sb.json(first);
    expect(out.status).toBe('succeeded');
    expect(out.items.map((i: Record<string, any>) => [i.employeeNumber, i.outcome])).toEqual([['1001', 'delivered'], ['1002', 'delivered']]);

    const planned = sb.json(await sb.run(['select', '--date', '2025-11-25', '--employees', '1001', '--json']));
    expect(planned.items).toEqual([expect.objectContaining({ channel: 'skip', reason: 'already_delivered' })]);

    const resent = await sb.run(['send', '--date', '2025-11-25', '--employees', '1001', '--resend', '--yes', '--json']);
    expect(resent.exitCode).toBe(0);
    expect(resent.stderr).toMatch(/1 of these payslips was delivered before.*Kivra bills each/);
    const again = sb.json(resent);
    expect(again.items).toEqual([expect.objectContaining({ employeeNumber: '1001', outcome: 'delivered', note: 'resend' })]);
    // The same payslip gives the same bytes in any job: Kivra's duplicate control knows it
    // and answers with the first delivery's key (its sandbox, without that control, would deliver a second copy).
    expect(again.items[0].kivraContentKey).toBe(out.items[0].kivraContentKey);
    expect(localKivraContents(sb).map((c) => c.ssn).sort()).toEqual([SSN['1001'], SSN['1002']]);
  });

  test('--status preliminary sends the preliminary run; --status any sends an older period', async () => {
    sb = await localMonthEnd();
    const preliminary = await sb.run(['send', '--date', 'latest', '--status', 'preliminary', '--employees', '1001', '--yes', '--json']);
    expect(preliminary.exitCode, String(preliminary.stderr)).toBe(0);
    expect(sb.json(preliminary).items).toEqual([expect.objectContaining({ payRun: '2025-12', payslipStatus: 'preliminary', outcome: 'delivered' })]);

    const older = await sb.run(['send', '--date', '2025-10-24', '--status', 'any', '--employees', '1002', '--yes', '--json']);
    expect(older.exitCode).toBe(0);
    expect(sb.json(older).items).toEqual([expect.objectContaining({ payRun: '2025-10', payoutDate: '2025-10-24', payslipStatus: 'final', outcome: 'delivered' })]);
    // A preliminary date does not answer to the default --status final.
    const none = await sb.run(['send', '--date', '2025-12-23', '--yes', '--json']);
    expect(none.exitCode).toBe(0);
    expect(sb.json(none)).toMatchObject({ jobId: null, status: 'nothing_to_send', items: [] });
    expect(localKivraContents(sb).map((c) => c.ssn)).toEqual([SSN['1001'], SSN['1002']]);
  });

  test('--date today with no pay run today sends nothing and says so', async () => {
    sb = await localMonthEnd();
    const r = await sb.run(['send', '--date', 'today', '--yes']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('Nothing to send');
    const log = await sb.run(['log', '--json']);
    expect(sb.json(log).jobs).toEqual([]);
  });

  test('without a terminal and without --yes it refuses (exit 4) and sends nothing', async () => {
    sb = await localMonthEnd();
    const r = await sb.run(['send', '--date', 'latest']);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('Nothing was sent');
    expect(r.stderr).toContain('--yes');
    const json = await sb.run(['send', '--date', 'latest', '--json']);
    expect(json.exitCode).toBe(4);
    expect(sb.json(json).error.code).toBe('confirmation_required');
    expect(sb.json(await sb.run(['log', '--json'])).jobs).toEqual([]);
    expect(existsSync(join(sb.dir, 'data', 'kivra-local', '5566778899.json')) ? localKivraContents(sb) : []).toEqual([]);
  });

  test('off a terminal, a long send shows a few plain progress lines on stderr', async () => {
    // 15 more employees without personnummer: 25 payslips, of which 15 fail fast.
    sb = await localMonthEnd({
      edit: (payroll) => {
        const template = payroll.employees.find((e) => e.employee_number === '1008')!;
        const run = payroll.pay_runs.find((r) => r.id === '2025-11')!;
        const payslip = run.payslips.find((p) => p.employee_number === '1008')!;
        for (let n = 2001; n <= 2015; n++) {
          payroll.employees.push({ ...template, employee_number: String(n) });
          run.payslips.push({ ...payslip, employee_number: String(n) });
        }
      },
    });
    const r = await sb.run(['send', '--date', '2025-11-25', '--yes']);
    expect(r.exitCode, String(r.stderr)).toBe(3);
    const lines = String(r.stderr).trimEnd().split('\n');
    expect(lines[0]).toBe('Job 1 started: 25 payslips to handle.');
    const progress = lines.filter((l) => /^\d+\/25 payslips, \d+\.\d\/s/.test(l));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(5);
    expect(progress.at(-1)).toMatch(/^25\/25 payslips/);
    expect(lines.find((l) => l.includes('Job 1 finished'))).toContain('failed 17');
  });

  test('on a terminal it shows the plan and asks; no sends nothing (exit 4), yes sends', async () => {
    sb = await localMonthEnd();
    const declined = runInPty(['send', '--date', 'latest', '--employees', '1001,1003'], sb.env);
    await declined.expect('Selection: payout date 2025-11-25 (final), employees 1001, 1003');
    await declined.answer('Send 2 payslips of Ekbacken Bygg & Måleri AB (local emulator) now?', 'n');
    const no = await declined.exit();
    expect(no.code).toBe(4);
    expect(no.output).toContain('Not sent.');
    expect(sb.json(await sb.run(['log', '--json'])).jobs).toEqual([]);

    const accepted = runInPty(['send', '--date', 'latest', '--employees', '1001,1003'], sb.env);
    await accepted.answer('Send 2 payslips of Ekbacken Bygg & Måleri AB (local emulator) now?', 'y');
    const yes = await accepted.exit();
    expect(yes.code, yes.output).toBe(0);
    expect(yes.output).toContain('Job 1 started: 2 payslips to handle.');
    expect(yes.output).toContain('Job 1 finished: succeeded. delivered 1, printed 1.');
  });

  test('bad options are usage errors (exit 2)', async () => {
    sb = await localMonthEnd();
    const badDate = await sb.run(['send', '--date', '2025-13-01', '--yes', '--json']);
    expect(badDate.exitCode).toBe(2);
    expect(sb.json(badDate).error.message).toContain('--date');
    const badConcurrency = await sb.run(['send', '--date', 'latest', '--concurrency', '0', '--yes', '--json']);
    expect(badConcurrency.exitCode).toBe(2);
    const unknown = await sb.run(['send', '--date', 'latest', '--employees', '9999', '--yes', '--json']);
    expect(unknown.exitCode).toBe(2);
    expect(sb.json(unknown).error.code).toBe('employee_not_selected');
    // A print directory that cannot be made is refused before anything is sent.
    writeFileSync(join(sb.dir, 'not-a-dir'), '');
    const badPrintDir = await sb.run(['send', '--date', 'latest', '--yes', '--print-dir', join(sb.dir, 'not-a-dir', 'print')]);
    expect(badPrintDir.exitCode).toBe(2);
    expect(badPrintDir.stderr).toContain('--print-dir: cannot write the print batch');
    expect(sb.json(await sb.run(['log', '--json'])).jobs).toEqual([]);
  });
});
