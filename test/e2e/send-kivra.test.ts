import { execa } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import type { KivraEmulator } from '../../src/kivra/emulator/index.js';
import { BIN } from '../helpers/cli.js';
import { receivedJson, remoteMonthEnd, SSN, type RemoteMonthEnd } from '../helpers/month-end.js';

/**
 * `send` against a Kivra emulator the test started (environment sandbox, `--api-url`,
 * credentials from KIVRA_CLIENT_ID/SECRET), so the test sees exactly what Kivra received.
 */

let sb: RemoteMonthEnd | undefined;
afterEach(() => sb?.cleanup());

const accepted = (kivra: KivraEmulator) => kivra.state.contents.filter((c) => c.outcome !== 'duplicate');

/** Resolves once `condition` holds, polling; fails the test after `ms`. */
async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('what Kivra receives', () => {
  test('one content per payslip: ssn, a subject without personal data, salaryslip, one PDF, retain for those without a mailbox', async () => {
    sb = await remoteMonthEnd();
    // Synced offline, so the register knows no mailboxes yet; send asks Kivra afresh.
    const planned = sb.json(await sb.run(['select', '--date', '2025-11-25', '--employees', '1001', '--json']));
    expect(planned.items).toEqual([expect.objectContaining({ channel: 'print', reason: 'print_no_mailbox' })]);
    const r = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(3);
    expect(sb.kivra.state.requests.usermatch).toBeGreaterThanOrEqual(1);
    const out = sb.json(r);
    expect(out.totals).toMatchObject({ delivered: 3, retained: 2, printed: 2, skipped: 1, failed: 2 });

    const contents = sb.kivra.state.contents;
    expect(contents.map((c) => c.ssn).sort()).toEqual([SSN['1001'], SSN['1002'], SSN['1005'], SSN['1006'], SSN['1007']].sort());
    const byEmployee = new Map<string, Record<string, any>>(out.items.map((i: Record<string, any>) => [i.employeeNumber, i]));
    for (const record of contents) {
      const body = receivedJson(record.body);
      expect(body.ssn).toBe(record.ssn);
      expect(body.type).toBe('salaryslip');
      expect(body.subject).toMatch(/^Lönespecifikation/);
      expect(body.subject).not.toContain(record.ssn!.slice(2, 8));
      expect(body.parts).toHaveLength(1);
      expect(body.parts[0].content_type).toBe('application/pdf');
      expect(Buffer.from(body.parts[0].data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      expect(body.salaryslip).toBeTypeOf('object');
      expect(body).toMatchObject({ retain: true, retention_time: '390' });
      // The content key the CLI recorded is the one Kivra gave.
      const number = Object.entries(SSN).find(([, ssn]) => ssn === record.ssn)![0];
      expect(byEmployee.get(number)!.kivraContentKey).toBe(record.contentKey);
    }
    // Kivra answered `kivra-retained: true` for those without a mailbox: outcome retained.
    expect(contents.filter((c) => c.outcome === 'retained').map((c) => c.ssn).sort()).toEqual([SSN['1006'], SSN['1007']].sort());
    expect(byEmployee.get('1006')).toMatchObject({ channel: 'retain', outcome: 'retained' });
    expect(byEmployee.get('1007')).toMatchObject({ channel: 'retain', outcome: 'retained', warning: 'print_address_incomplete' });
  });

  test('a mailbox closed after the match: the payslip goes to print in the same job, or fails with Kivra\'s answer; the rest are delivered', async () => {
    // The mailboxes of 1002 and 1005 close between the mailbox match and the delivery;
    // without retain, Kivra answers 40105 for them. 1002 may be printed, 1005 may not.
    let kivra: KivraEmulator | undefined;
    sb = await remoteMonthEnd({
      activate: ['--retention-days', '0'],
      edit: (payroll) => {
        payroll.employees.find((e) => e.employee_number === '1005')!.print = false;
      },
      emulator: {
        onRequest: (entry) => {
          if (entry.endpoint !== 'usermatch') return;
          kivra?.unregister(SSN['1002']);
          kivra?.unregister(SSN['1005']);
        },
      },
    });
    kivra = sb.kivra;
    const r = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(3);
    const out = sb.json(r);
    const byEmployee = new Map<string, Record<string, any>>(out.items.map((i: Record<string, any>) => [i.employeeNumber, i]));
    // Re-planned in the same job by the channel rules, with Kivra's answer kept as the why.
    expect(byEmployee.get('1002')).toMatchObject({ channel: 'print', reason: 'mailbox_closed_print', outcome: 'printed', errorCode: '40105', kivraContentKey: null });
    expect(byEmployee.get('1002')!.printBatch).toBe(out.printBatches[0].file);
    expect(byEmployee.get('1005')).toMatchObject({ channel: 'fail', reason: 'mailbox_closed', outcome: 'failed', errorCode: '40105', kivraContentKey: null });
    expect(byEmployee.get('1005')!.errorMessage).toMatch(/^Kivra could not deliver it \(no mailbox any more\), and it cannot be printed: \w/);
    expect(byEmployee.get('1001')).toMatchObject({ outcome: 'delivered' });
    // No retain: those without a mailbox and without print are skipped with the reason.
    expect(byEmployee.get('1006')).toMatchObject({ channel: 'skip', outcome: 'skipped', reason: 'no_mailbox' });
    expect(accepted(sb.kivra).map((c) => c.ssn).sort()).toEqual([SSN['1001']]);
    // The register learned it: the next send does not try Kivra for them first.
    const list = sb.json(await sb.run(['employees', 'list', '--json']));
    expect(list.employees.filter((e: Record<string, any>) => ['1002', '1005'].includes(e.employeeNumber)).map((e: Record<string, any>) => e.mailbox)).toEqual([false, false]);

    const log = await sb.run(['log', '1']);
    expect(log.stdout).toMatch(/1002 .*print\s+printed .*40105/);
    expect(log.stdout).toMatch(/1005 .*fail\s+failed .*40105/);
    // Stored in English, said again in the run's language from its code; Kivra's words quoted.
    const sv = await sb.run(['log', '1', '--lang', 'sv']);
    expect(sv.stdout).toMatch(/1005 .*misslyckad .*40105 Kivra kunde inte leverera/);
    expect(sv.stdout).not.toContain('Kivra could not deliver it');
  });
});

describe('--concurrency', () => {
  test('caps the requests in flight to Kivra, though more payslips are rendered ahead', async () => {
    // Slow answers, so posts overlap whenever the CLI lets them. A request counts as in
    // flight from its arrival (the emulator's request counter) until its answer is logged.
    let kivra: KivraEmulator | undefined;
    let answered = 0;
    let most = 0;
    sb = await remoteMonthEnd({
      emulator: {
        faults: { latencyMs: 300 },
        onRequest: (entry) => {
          if (entry.endpoint !== 'content' || !kivra) return;
          most = Math.max(most, kivra.state.requests.content - answered);
          answered += 1;
        },
      },
    });
    kivra = sb.kivra;
    const r = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json', '--concurrency', '2']);
    expect(r.exitCode, String(r.stderr)).toBe(3);
    expect(sb.json(r).totals).toMatchObject({ delivered: 3, retained: 2, printed: 2, skipped: 1, failed: 2 });
    expect(answered).toBe(5);
    expect(most).toBe(2);
  });
});

describe('refusals: nothing is asked of Kivra', () => {
  test('licence off, link inactive, send payslips off, no tenant key, no credentials, viewer role: exit 4 each', async () => {
    sb = await remoteMonthEnd();
    const send = (env?: Record<string, string | undefined>, yes = ['--yes']) => sb!.run(['send', '--date', 'latest', ...yes, '--json'], { env });
    // The real reason is named whether or not --yes was given (a cron job that forgot it
    // should still hear that the licence is off, not only that it cannot confirm).
    const refusedWith = async (code: string, env?: Record<string, string | undefined>) => {
      const withoutYes = await send(env, []);
      expect(withoutYes.exitCode, String(withoutYes.stderr)).toBe(4);
      expect(sb!.json(withoutYes).error.code).toBe(code);
      const r = await send(env);
      expect(r.exitCode, String(r.stderr)).toBe(4);
      expect(sb!.json(r).error.code).toBe(code);
      return r;
    };
    const activate = async (...args: string[]) => expect((await sb!.run(['activate', ...args])).exitCode).toBe(0);

    await activate('--licence', 'off');
    const licence = await refusedWith('licence_off');
    expect(licence.stderr).toContain('payslips activate --licence on');
    await activate('--licence', 'on', '--active', 'off');
    await refusedWith('link_inactive');
    await activate('--active', 'on', '--send-payslips', 'off', '--apply-to-employees', 'no');
    await refusedWith('send_payslips_off');
    await activate('--send-payslips', 'on', '--apply-to-employees', 'no', '--tenant-key', '');
    await refusedWith('tenant_key_missing');
    await activate('--tenant-key', sb.kivra.tenants[0]!.key);
    await refusedWith('credentials_missing', { KIVRA_CLIENT_ID: undefined, KIVRA_CLIENT_SECRET: undefined });
    expect((await sb.run(['users', 'add', 'vera', '--role', 'viewer'])).exitCode).toBe(0);
    await refusedWith('permission_denied', { PAYSLIPS_USER: 'vera' });

    expect(sb.kivra.state.requests).toMatchObject({ auth: 0, usermatch: 0, content: 0 });
    expect(sb.json(await sb.run(['log', '--json'])).jobs).toEqual([]);
    // With every precondition met again it sends.
    expect((await send()).exitCode).toBe(3);
  });
});

describe('one send per company, and interrupted jobs', () => {
  test('a second send while one is running is refused (exit 4) and the first finishes', async () => {
    // Slow answers keep the first send running while the second one and `log` look.
    sb = await remoteMonthEnd({ emulator: { faults: { latencyMs: 1_000 } } });
    const first = execa('node', [BIN, 'send', '--date', 'latest', '--yes', '--concurrency', '1'], { env: sb.env, extendEnv: false, reject: false });
    await until(() => sb!.kivra.state.requests.content > 0, 'the first send to post');
    const second = await sb.run(['send', '--date', 'latest', '--yes', '--json']);
    expect(second.exitCode).toBe(4);
    expect(sb.json(second).error.code).toBe('send_running');
    expect(second.stderr).toMatch(/Another send for Ekbacken Bygg & Måleri AB is running \(pid \d+/);
    const running = await sb.run(['log']);
    expect(running.stdout).toMatch(/^1 .*… running/m);
    const done = await first;
    expect(done.exitCode, String(done.stderr)).toBe(3);
    expect(accepted(sb.kivra)).toHaveLength(5);
  });

  test('Ctrl+C stops the send (exit 130); a re-run continues the same job without delivering anything twice', async () => {
    sb = await remoteMonthEnd({ emulator: { faults: { latencyMs: 250 } } });
    const first = execa('node', [BIN, 'send', '--date', 'latest', '--yes', '--concurrency', '1'], { env: sb.env, extendEnv: false, reject: false });
    await until(() => sb!.kivra.state.requests.content >= 2, 'two posts');
    first.kill('SIGINT');
    const stopped = await first;
    expect(stopped.exitCode).toBe(130);
    expect(stopped.stderr).toContain('run the same command again to continue');
    const before = accepted(sb.kivra).length;
    expect(before).toBeLessThan(5);

    const log = await sb.run(['log']);
    expect(log.stdout).toMatch(/^1 .*✘ interrupted/m);

    sb.kivra.setFaults({ latencyMs: 0 });
    const rerun = await sb.run(['send', '--date', 'latest', '--yes', '--json']);
    expect(rerun.exitCode, String(rerun.stderr)).toBe(3);
    expect(sb.json(rerun)).toMatchObject({ jobId: 1, resumed: true, totals: { delivered: 3, retained: 2, printed: 2, skipped: 1, failed: 2 } });
    const ssns = accepted(sb.kivra).map((c) => c.ssn);
    expect(ssns.sort()).toEqual([SSN['1001'], SSN['1002'], SSN['1005'], SSN['1006'], SSN['1007']].sort());
  });

  test('an answer lost after Kivra accepted a payslip: the same bytes are posted again, Kivra recognises them, one delivery', async () => {
    sb = await remoteMonthEnd({ emulator: { faults: { dropAfterAccept: 1 } } });
    const r = await sb.run(['send', '--date', 'latest', '--yes', '--json', '--concurrency', '1']);
    expect(r.exitCode, String(r.stderr)).toBe(3);
    const out = sb.json(r);
    expect(out.totals).toMatchObject({ delivered: 3, retained: 2 });
    const first = sb.kivra.state.contents[0]!;
    const copies = sb.kivra.state.contents.filter((c) => c.ssn === first.ssn);
    expect(copies.map((c) => c.outcome)).toEqual([first.outcome, 'duplicate']);
    expect(copies[1]!.sha256).toBe(first.sha256);
    expect(accepted(sb.kivra)).toHaveLength(5);
    // The log counts both attempts and keeps Kivra's one content key.
    const item = out.items.find((i: Record<string, any>) => i.personnummer === first.ssn);
    expect(item).toMatchObject({ attempts: 2, kivraContentKey: first.contentKey });
  });

  test('a killed send leaves a stale lock that does not block; the re-run posts the in-flight payslip byte for byte', async () => {
    let kivra: KivraEmulator | undefined;
    let slowed = false;
    // Slow answers once the first run's contents start, so the kill lands while Kivra has a
    // payslip but the CLI has no answer.
    const slowDown = (entry: { endpoint: string }) => {
      if (entry.endpoint !== 'usermatch' || slowed) return;
      slowed = true;
      kivra?.setFaults({ latencyMs: 5_000 });
    };
    sb = await remoteMonthEnd({ emulator: { onRequest: slowDown } });
    kivra = sb.kivra;
    const first = execa('node', [BIN, 'send', '--date', 'latest', '--yes', '--concurrency', '2'], { env: sb.env, extendEnv: false, reject: false });
    await until(() => sb!.kivra.state.contents.length >= 2, 'two contents to reach Kivra');
    first.kill('SIGKILL');
    await first;
    sb.kivra.setFaults({ latencyMs: 0 });
    const inFlight = sb.kivra.state.contents.map((c) => c.sha256);

    const log = sb.json(await sb.run(['log', '--json']));
    expect(log.jobs[0]).toMatchObject({ jobId: 1, status: 'interrupted', ok: false });

    const rerun = await sb.run(['send', '--date', 'latest', '--yes', '--json']);
    expect(rerun.exitCode, String(rerun.stderr)).toBe(3);
    expect(sb.json(rerun)).toMatchObject({ jobId: 1, resumed: true, totals: { delivered: 3, retained: 2, failed: 2 } });
    // Each payslip reached a mailbox once; what was in flight came again with identical bytes.
    expect(accepted(sb.kivra)).toHaveLength(5);
    const duplicates = sb.kivra.state.contents.filter((c) => c.outcome === 'duplicate');
    expect(duplicates.length).toBeGreaterThanOrEqual(1);
    for (const copy of duplicates) expect(inFlight).toContain(copy.sha256);
  });
});
