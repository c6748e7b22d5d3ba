import { afterEach, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/cli.js';
import { PAYOUT_DATE } from './support/generated-payroll.js';
import { contentAnswers, kivraEnv, prepareCompany, startFaultKivra, type FaultKivra } from './support/fault-kivra.js';
import { checkLedger, databaseProblems, finalOutcomeProblems } from './support/invariants.js';
import { testPersonnummer } from './support/generated-payroll.js';

/**
 * Faults Kivra recovers from within one run: the send retries and still ends with every
 * payslip delivered exactly once. Each test counts what it injected, for the issue note.
 */

const COUNT = 20;
let sb: Sandbox | undefined;
let kivra: FaultKivra | undefined;
afterEach(async () => {
  await kivra?.close();
  sb?.cleanup();
  sb = undefined;
  kivra = undefined;
});

async function setUp() {
  sb = createSandbox();
  kivra = await startFaultKivra(testPersonnummer(COUNT));
  const payroll = await prepareCompany(sb, kivra, COUNT);
  return { sb, kivra, ssns: payroll.ssns };
}

const send = (s: Sandbox, extra: string[] = []) =>
  s.run(['send', '--date', PAYOUT_DATE, '--yes', '--json', ...extra], { env: kivraEnv, timeout: 120_000 });

function injected(k: FaultKivra): number {
  return k.state.contents.length;
}

/** One line per fault for the issue note: what was injected, what came of it. */
function tally(name: string, k: FaultKivra, ledger: { absorbedRetries: number; duplicated: string[]; lost: string[] }): void {
  console.info(`[fault] ${name}: content answers ${JSON.stringify(contentAnswers(k))}, absorbed identical retries ${ledger.absorbedRetries}, lost ${ledger.lost.length}, duplicated ${ledger.duplicated.length}`);
}

describe('transient Kivra faults are retried and nothing is lost or sent twice', () => {
  test('a burst of 503', async () => {
    const { sb, kivra, ssns } = await setUp();
    const contentBefore = kivra.state.requests.content;
    kivra.setFaults({ failFirst: { status: 503, count: 12 } });
    const r = await send(sb);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const job = sb.json(r);
    expect(job.totals.delivered).toBe(COUNT);
    const ledger = await checkLedger(sb, job.jobId, kivra, ssns);
    expect(finalOutcomeProblems(ledger.rows, ssns)).toEqual([]);
    expect(databaseProblems(sb.dbPath)).toEqual([]);
    expect(ledger.duplicated).toEqual([]);
    expect(ledger.lost).toEqual([]);
    tally('503 burst', kivra, ledger);
    // 503 means "turned away": nothing was accepted twice.
    expect(injected(kivra)).toBe(COUNT);
    expect(kivra.state.requests.content - contentBefore).toBe(COUNT + 12);
    expect(ledger.rows.reduce((n, row) => n + Number(row.attempts), 0)).toBe(COUNT + 12);
  });

  test('429 with Retry-After', async () => {
    const { sb, kivra, ssns } = await setUp();
    kivra.setFaults({ failFirst: { status: 429, count: 5, retryAfter: 1 } });
    const r = await send(sb);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const job = sb.json(r);
    const ledger = await checkLedger(sb, job.jobId, kivra, ssns);
    expect(ledger.outcomes).toEqual({ delivered: COUNT });
    expect(finalOutcomeProblems(ledger.rows, ssns)).toEqual([]);
    expect(ledger.duplicated).toEqual([]);
    expect(ledger.lost).toEqual([]);
    tally('429 Retry-After', kivra, ledger);
    expect(injected(kivra)).toBe(COUNT);
  });

  test('a payslip Kivra keeps turning away fails with every attempt counted; the rest are delivered', async () => {
    const { sb, kivra, ssns } = await setUp();
    const contentBefore = kivra.state.requests.content;
    // One at a time, so the first payslip takes all five 503s: its first try and 4 retries.
    kivra.setFaults({ failFirst: { status: 503, count: 5, retryAfter: 0 } });
    const r = await send(sb, ['--concurrency', '1']);
    const job = sb.json(r);
    expect(job.totals).toMatchObject({ delivered: COUNT - 1, failed: 1 });
    const ledger = await checkLedger(sb, job.jobId, kivra, ssns);
    const failed = ledger.rows.filter((row) => row.outcome === 'failed');
    expect(failed).toEqual([expect.objectContaining({ attempts: '5', error_code: '50300' })]);
    expect(ledger.rows.reduce((n, row) => n + Number(row.attempts), 0)).toBe(kivra.state.requests.content - contentBefore);
    expect(ledger.lost).toEqual([]);
  });

  test('500 on every 4th request: the retry may reach Kivra twice, duplicate control absorbs the identical bytes', async () => {
    const { sb, kivra, ssns } = await setUp();
    kivra.setFaults({ failEvery: { status: 500, every: 4 } });
    const r = await send(sb);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const job = sb.json(r);
    const ledger = await checkLedger(sb, job.jobId, kivra, ssns);
    expect(ledger.outcomes).toEqual({ delivered: COUNT });
    expect(ledger.duplicated).toEqual([]);
    expect(ledger.lost).toEqual([]);
    tally('500 every 4th', kivra, ledger);
    expect(databaseProblems(sb.dbPath)).toEqual([]);
  });

  test('the answer is lost after Kivra accepted: the identical retry is recognised, not delivered again', async () => {
    const { sb, kivra, ssns } = await setUp();
    kivra.setFaults({ dropAfterAccept: 6 });
    const r = await send(sb);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const job = sb.json(r);
    const ledger = await checkLedger(sb, job.jobId, kivra, ssns);
    expect(ledger.outcomes).toEqual({ delivered: COUNT });
    expect(ledger.duplicated).toEqual([]);
    expect(ledger.lost).toEqual([]);
    tally('dropAfterAccept', kivra, ledger);
    // Six answers dropped: six identical copies reached Kivra and were absorbed.
    expect(ledger.absorbedRetries).toBe(6);
    expect(kivra.state.contents.filter((c) => c.outcome === 'duplicate')).toHaveLength(6);
  });

  test('tokens expire mid-job and are renewed', async () => {
    const { sb, kivra, ssns } = await setUp();
    // Kivra's clock jumps past the token's expiry twice during the job, so tokens the
    // client still believes valid are refused (40100) and must be renewed in flight.
    kivra.onRequest = (entry, log) => {
      const accepted = log.filter((e) => e.endpoint === 'content' && e.status === 201).length;
      if (entry.status === 201 && (accepted === 6 || accepted === 14)) kivra!.skewClock(9 * 3600_000);
    };
    const issuedBefore = kivra.state.requests.auth;
    const r = await send(sb, ['--concurrency', '2']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const job = sb.json(r);
    const ledger = await checkLedger(sb, job.jobId, kivra, ssns);
    expect(ledger.outcomes).toEqual({ delivered: COUNT });
    expect(ledger.duplicated).toEqual([]);
    expect(ledger.lost).toEqual([]);
    tally('token expiry', kivra, ledger);
    expect(contentAnswers(kivra)['401']).toBeGreaterThanOrEqual(2);
    expect(kivra.state.requests.auth - issuedBefore).toBeGreaterThanOrEqual(3);
  });

  test('the token endpoint down mid-job: the job stops (exit 5) instead of failing payslips, and a re-run finishes it', async () => {
    const { sb, kivra, ssns } = await setUp();
    // After six deliveries the token expires and every renewal is turned away with 503.
    kivra.onRequest = (entry, log) => {
      const accepted = log.filter((e) => e.endpoint === 'content' && e.status === 201).length;
      if (entry.endpoint === 'content' && entry.status === 201 && accepted === 6) {
        kivra!.skewClock(9 * 3600_000);
        kivra!.setFaults({ failFirst: { status: 503, count: 1000, endpoints: ['auth'] } });
      }
    };
    const stopped = await send(sb, ['--concurrency', '1']);
    expect(stopped.exitCode, String(stopped.stderr)).toBe(5);
    const aborted = sb.json(stopped);
    expect(aborted.error.code).toBe('kivra_unreachable');
    expect(aborted.totals.failed).toBe(0);
    expect(aborted.totals.delivered).toBe(6);

    kivra.onRequest = undefined;
    kivra.setFaults({ failFirst: null });
    const finished = await send(sb);
    expect(finished.exitCode, String(finished.stderr)).toBe(0);
    expect(sb.json(finished).jobId).toBe(aborted.jobId);
    const ledger = await checkLedger(sb, aborted.jobId, kivra, ssns);
    expect(ledger.outcomes).toEqual({ delivered: COUNT });
    expect(ledger.duplicated).toEqual([]);
    expect(ledger.lost).toEqual([]);
    tally('token endpoint down mid-job', kivra, ledger);
  });
});
