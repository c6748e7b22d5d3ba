import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { BIN, createSandbox, type Sandbox } from '../helpers/cli.js';
import { contentAnswers, kivraEnv, prepareCompany, startFaultKivra, type FaultKivra } from './support/fault-kivra.js';
import { PAYOUT_DATE, testPersonnummer } from './support/generated-payroll.js';
import { checkLedger, databaseProblems, finalOutcomeProblems } from './support/invariants.js';

/**
 * Interruptions a send must survive: Kivra going away mid-job (exit 5), Ctrl+C (exit 130),
 * `kill -9` at random points of a larger send, and a second send started alongside. After
 * each, a re-run finishes the same job, and the ledger holds: one final outcome per
 * payslip, and at Kivra at most one delivery per payslip apart from identical retries.
 */

let sb: Sandbox | undefined;
let kivras: FaultKivra[] = [];
afterEach(async () => {
  for (const k of kivras) await k.close();
  kivras = [];
  sb?.cleanup();
  sb = undefined;
});

async function setUp(count: number, options: { stateFile?: boolean } = {}) {
  sb = createSandbox();
  const ssns = testPersonnummer(count);
  const kivra = await startFaultKivra(ssns, options.stateFile ? { stateFile: join(sb.dir, 'kivra-state.jsonl') } : {});
  kivras.push(kivra);
  await prepareCompany(sb, kivra, count);
  return { sb, kivra, ssns };
}

/** `send` as a child process the test can signal. */
function startSend(s: Sandbox, extra: string[] = []): ResultPromise<{ reject: false }> {
  return execa('node', [BIN, 'send', '--date', PAYOUT_DATE, '--yes', '--json', ...extra], {
    env: { ...s.env, ...kivraEnv },
    extendEnv: false,
    input: '',
    reject: false,
    timeout: 240_000,
  }) as ResultPromise<{ reject: false }>;
}

const accepted = (k: FaultKivra): number => k.requestLog.filter((e) => e.endpoint === 'content' && e.status === 201).length;

/** Resolves once Kivra has accepted `n` contents in all (counted from its request log). */
function whenAccepted(k: FaultKivra, n: number): Promise<void> {
  return new Promise((resolve) => {
    if (accepted(k) >= n) return resolve();
    k.onRequest = () => {
      if (accepted(k) >= n) {
        k.onRequest = undefined;
        resolve();
      }
    };
  });
}

async function assertLedger(s: Sandbox, k: FaultKivra, jobId: number, ssns: string[], name: string) {
  const ledger = await checkLedger(s, jobId, k, ssns);
  expect(finalOutcomeProblems(ledger.rows, ssns)).toEqual([]);
  expect(databaseProblems(s.dbPath)).toEqual([]);
  expect(ledger.duplicated).toEqual([]);
  expect(ledger.lost).toEqual([]);
  expect(ledger.outcomes).toEqual({ delivered: ssns.length });
  console.info(`[fault] ${name}: content answers ${JSON.stringify(contentAnswers(k))}, absorbed identical retries ${ledger.absorbedRetries}, lost ${ledger.lost.length}, duplicated ${ledger.duplicated.length}`);
  return ledger;
}

describe('a send survives interruptions and a re-run finishes the same job', () => {
  test('Kivra unreachable mid-job: exit 5, what was done is kept, a re-run continues', async () => {
    const { sb, kivra, ssns } = await setUp(40, { stateFile: true });
    kivra.setFaults({ latencyMs: 30 });
    const child = startSend(sb, ['--concurrency', '4']);
    await whenAccepted(kivra, 12);
    await kivra.close();
    const first = await child;
    expect(first.exitCode, String(first.stderr)).toBe(5);
    const aborted = JSON.parse(String(first.stdout));
    expect(aborted).toMatchObject({ status: 'aborted', error: { code: 'kivra_unreachable' } });
    expect(String(first.stderr)).toMatch(/run the same command again/i);

    // Kivra is back (same port, same memory of what it accepted).
    const back = await startFaultKivra(ssns, { port: kivra.port, stateFile: join(sb.dir, 'kivra-state.jsonl') });
    kivras.push(back);
    const second = await startSend(sb);
    expect(second.exitCode, String(second.stderr)).toBe(0);
    const resumed = JSON.parse(String(second.stdout));
    expect(resumed).toMatchObject({ jobId: aborted.jobId, resumed: true, status: 'succeeded' });
    // The restarted emulator knows every content either run got through.
    await assertLedger(sb, back, aborted.jobId, ssns, 'Kivra unreachable mid-job');
  });

  test('Ctrl+C: exit 130, the job is interrupted, a re-run finishes it', async () => {
    const { sb, kivra, ssns } = await setUp(40);
    kivra.setFaults({ latencyMs: 30 });
    const child = startSend(sb, ['--concurrency', '4']);
    await whenAccepted(kivra, 10);
    child.kill('SIGINT');
    const first = await child;
    expect(first.exitCode, String(first.stderr)).toBe(130);
    const interrupted = JSON.parse(String(first.stdout));
    expect(interrupted.status).toBe('interrupted');
    kivra.setFaults({ latencyMs: 0 });
    const second = await startSend(sb);
    expect(second.exitCode, String(second.stderr)).toBe(0);
    expect(JSON.parse(String(second.stdout))).toMatchObject({ jobId: interrupted.jobId, resumed: true, status: 'succeeded' });
    await assertLedger(sb, kivra, interrupted.jobId, ssns, 'SIGINT');
  });

  test('Ctrl+C twice: exits at once (130) with answers outstanding; the re-run finishes without sending anything twice', async () => {
    const { sb, kivra, ssns } = await setUp(30);
    const child = startSend(sb, ['--concurrency', '4']);
    await whenAccepted(kivra, 6);
    // Slow answers: requests are in flight when the second Ctrl+C ends the process.
    kivra.setFaults({ latencyMs: 2000 });
    child.kill('SIGINT');
    // The second Ctrl+C once the first has been taken (two signals at once may arrive as one).
    await new Promise<void>((resolve) => {
      let said = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        if (said.includes('Ctrl+C again to stop at once')) resolve();
      });
    });
    child.kill('SIGINT');
    const first = await child;
    expect(first.exitCode, String(first.stderr)).toBe(130);
    kivra.setFaults({ latencyMs: 0 });
    const second = await startSend(sb);
    expect(second.exitCode, String(second.stderr)).toBe(0);
    const job = JSON.parse(String(second.stdout));
    expect(job).toMatchObject({ resumed: true, status: 'succeeded' });
    await assertLedger(sb, kivra, job.jobId, ssns, 'SIGINT twice');
  });

  test('a second send while one runs is refused (exit 4) and changes nothing', async () => {
    const { sb, kivra, ssns } = await setUp(30);
    const first = startSend(sb, ['--concurrency', '2']);
    await whenAccepted(kivra, 3);
    // Kivra slows down so the first send is surely still running when the second starts.
    kivra.setFaults({ latencyMs: 1500 });
    const second = await startSend(sb);
    // The doctor sees a live send, not a stale lock or an unfinished job.
    const doctor = await sb.run(['doctor']);
    kivra.setFaults({ latencyMs: 0 });
    expect(doctor.exitCode, String(doctor.stdout)).toBe(0);
    expect(String(doctor.stdout)).toMatch(/A send for Prov AB is running now \(pid \d+/);
    expect(second.exitCode, String(second.stderr)).toBe(4);
    expect(JSON.parse(String(second.stdout)).error.code).toBe('send_running');
    expect(String(second.stderr)).toMatch(/Another send .* is running \(pid \d+/);
    const done = await first;
    expect(done.exitCode, String(done.stderr)).toBe(0);
    const job = JSON.parse(String(done.stdout));
    const jobs = sb.json(await sb.run(['log', '--json'])).jobs as unknown[];
    expect(jobs).toHaveLength(1);
    await assertLedger(sb, kivra, job.jobId, ssns, 'concurrent send');
  });

  test('kill -9 at random points of a 300-payslip send, then re-runs finish it', async () => {
    const count = 300;
    const { sb, kivra, ssns } = await setUp(count);
    kivra.setFaults({ latencyMs: 5 });
    // Random kill points, logged so a failure can be replayed.
    const points = [20 + Math.floor(Math.random() * 80), 130 + Math.floor(Math.random() * 100)];
    console.info(`[fault] kill -9 after ${points.join(' and ')} accepted contents`);
    let jobId: number | undefined;
    for (const point of points) {
      const child = startSend(sb, ['--concurrency', '8']);
      await whenAccepted(kivra, point);
      child.kill('SIGKILL');
      const killed = await child;
      expect(killed.signal).toBe('SIGKILL');
      const log = await sb.run(['log', '--json']);
      const jobs = sb.json(log).jobs as Array<{ jobId: number; status: string }>;
      // One job throughout: every re-run continues it.
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.status).toBe('interrupted');
      jobId = jobs[0]!.jobId;
    }
    const last = await startSend(sb);
    expect(last.exitCode, String(last.stderr)).toBe(0);
    expect(JSON.parse(String(last.stdout))).toMatchObject({ jobId, resumed: true, status: 'succeeded' });
    await assertLedger(sb, kivra, jobId!, ssns, `kill -9 x${points.length}`);
  }, 240_000);
});
