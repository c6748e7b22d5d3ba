import { afterEach, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/cli.js';
import { contentAnswers, kivraEnv, prepareCompany, startFaultKivra, type FaultKivra } from './support/fault-kivra.js';
import { PAYOUT_DATE, testPersonnummer } from './support/generated-payroll.js';
import { checkLedger, readJobCsv } from './support/invariants.js';

/**
 * A payslip whose outcome is unknown (Kivra took it, the answer never came) must reach
 * Kivra again only as the identical bytes, whichever send picks it up next: the same
 * selection again, or another selection that includes it.
 */

let sb: Sandbox | undefined;
let kivra: FaultKivra | undefined;
afterEach(async () => {
  await kivra?.close();
  sb?.cleanup();
  sb = kivra = undefined;
});

const COUNT = 6;

async function abortWithUnknownOutcome() {
  sb = createSandbox();
  const ssns = testPersonnummer(COUNT);
  kivra = await startFaultKivra(ssns);
  await prepareCompany(sb, kivra, COUNT);
  // Every answer is lost: the first payslip is accepted five times (first try and four
  // identical retries) without an answer, and the job stops with its outcome unknown.
  kivra.setFaults({ dropAfterAccept: 1000 });
  const first = await sb.run(['send', '--date', PAYOUT_DATE, '--concurrency', '1', '--yes', '--json'], { env: kivraEnv, timeout: 120_000 });
  expect(first.exitCode, String(first.stderr)).toBe(5);
  const aborted = sb.json(first);
  expect(aborted.status).toBe('aborted');
  kivra.setFaults({ dropAfterAccept: 0 });
  return { sb, kivra, ssns, jobId: aborted.jobId as number };
}

describe('unknown outcomes', () => {
  test('a send of another selection that includes the payslip re-sends the identical bytes', async () => {
    const { sb, kivra, ssns, jobId } = await abortWithUnknownOutcome();
    const unknown = kivra.state.contents[0]!.ssn!;
    const employee = String(1001 + ssns.indexOf(unknown));
    const other = await sb.run(['send', '--date', PAYOUT_DATE, '--employees', employee, '--yes', '--json'], { env: kivraEnv });
    expect(other.exitCode, String(other.stderr)).toBe(0);
    const otherJob = sb.json(other);
    expect(otherJob.jobId).not.toBe(jobId);
    expect(otherJob.totals.delivered).toBe(1);
    // One delivery at Kivra for that payslip; every copy byte-identical.
    const copies = kivra.state.contents.filter((c) => c.ssn === unknown);
    expect(copies.filter((c) => c.outcome !== 'duplicate')).toHaveLength(1);
    expect(new Set(copies.map((c) => c.sha256)).size).toBe(1);

    // The first job, run again, finishes the rest and does not send that one again.
    const rest = await sb.run(['send', '--date', PAYOUT_DATE, '--yes', '--json'], { env: kivraEnv });
    expect(rest.exitCode, String(rest.stderr)).toBe(0);
    expect(sb.json(rest)).toMatchObject({ jobId, resumed: true, status: 'succeeded' });
    const ledger = await checkLedger(sb, jobId, kivra, ssns.filter((s) => s !== unknown));
    expect(ledger.duplicated).toEqual([]);
    expect(ledger.lost).toEqual([]);
    const rows = await readJobCsv(sb, jobId);
    const moved = rows.find((r) => r.personnummer === unknown)!;
    expect(moved).toMatchObject({ outcome: 'skipped', error_code: 'continued_in_job' });
    expect(moved.error_message).toContain(`job ${otherJob.jobId} sent the identical payload again`);
    expect(kivra.state.contents.filter((c) => c.ssn === unknown && c.outcome !== 'duplicate')).toHaveLength(1);
    console.info(`[fault] unknown outcome picked up by another selection: content answers ${JSON.stringify(contentAnswers(kivra))}, duplicated 0`);
  });
});
