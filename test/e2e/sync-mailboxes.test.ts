import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startKivraEmulator, type KivraEmulator } from '../../src/kivra/emulator/index.js';
import { execa } from 'execa';
import { BIN, createSandbox, REPO_ROOT, type Sandbox } from '../helpers/cli.js';
import { FIXTURE_JSON, type Json } from '../import/support/exports.js';

/**
 * sync: unless --offline, Kivra is asked which Kivra-flagged employees have a
 * mailbox (usermatch/ssn) and the yes/no answer is stored with when it was asked, shown by
 * `employees list`. Kivra unreachable: exit 5, and what was imported is kept.
 */

const RECIPIENTS_FILE = join(REPO_ROOT, 'fixtures', 'kivra-recipients.json');
const RECIPIENTS = (JSON.parse(readFileSync(RECIPIENTS_FILE, 'utf8')) as { list: string[] }).list;
const TENANT = '155748793356fa20e402ae472e51019cf723d7fe35';
const CLIENT = { clientId: 'payslips-sync-test', clientSecret: 'sync-secret-4fJq9WcXr2' };
const CREDENTIALS_ENV = { KIVRA_CLIENT_ID: CLIENT.clientId, KIVRA_CLIENT_SECRET: CLIENT.clientSecret };
const COMPANY = ['--org-number', '556677-8899', '--name', 'Ekbacken Bygg & Måleri AB', '--send-payslips', 'on', '--apply-to-employees', 'no'];

let sb: Sandbox | undefined;
let emulator: KivraEmulator | undefined;
afterEach(async () => {
  sb?.cleanup();
  sb = undefined;
  await emulator?.close();
  emulator = undefined;
});

async function startEmulator(): Promise<KivraEmulator> {
  emulator = await startKivraEmulator({
    clients: [CLIENT],
    tenants: [{ key: TENANT, name: 'Ekbacken Bygg & Måleri AB', companyIds: [{ name: 'Ekbacken Bygg & Måleri AB', orgnr: 'SE556677889901' }] }],
    recipients: RECIPIENTS,
  });
  return emulator;
}

async function activateAgainst(url: string): Promise<void> {
  const r = await sb!.run(['activate', ...COMPANY, '--environment', 'sandbox', '--api-url', url, '--tenant-key', TENANT]);
  expect(r.exitCode, String(r.stderr)).toBe(0);
}

async function mailboxes(): Promise<Record<string, [boolean | null, string | null]>> {
  const list = await sb!.run(['employees', 'list', '--json']);
  expect(list.exitCode, String(list.stderr)).toBe(0);
  return Object.fromEntries(sb!.json(list).employees.map((e: Json) => [e.employeeNumber, [e.mailbox, e.mailboxCheckedAt]]));
}

/** The fixture's employees Kivra is asked about: flagged for Kivra, with a valid personnummer. */
const FLAGGED = ['1001', '1002', '1003', '1004', '1005', '1006', '1007'];

/**
 * The fixture company: every employee is flagged for Kivra by the company setting except
 * 1010 (kivra off in the export); 1008 and 1009 have no valid personnummer. Of the flagged
 * ones, 1001, 1002 and 1005 have a mailbox.
 */
function expectFixtureAnswers(found: Record<string, [boolean | null, string | null]>, checkedAt: string): void {
  const answer = (mailbox: boolean | null) => [mailbox, mailbox === null ? null : checkedAt];
  expect(found).toEqual({
    '1001': answer(true),
    '1002': answer(true),
    '1003': answer(false),
    '1004': answer(false),
    '1005': answer(true),
    '1006': answer(false),
    '1007': answer(false),
    '1008': answer(null),
    '1009': answer(null),
    '1010': answer(null),
  });
}

describe('mailbox matching', () => {
  test('against the built-in emulator (environment local): yes/no with the time, shown by employees list', async () => {
    sb = createSandbox();
    const env = { PAYSLIPS_LOCAL_RECIPIENTS: RECIPIENTS_FILE };
    expect((await sb.run(['activate', ...COMPANY])).exitCode).toBe(0);
    const started = new Date().toISOString();
    const r = await sb.run(['sync', '--from', FIXTURE_JSON, '--json'], { env });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const { mailboxes: match } = sb.json(r);
    expect(match).toEqual({ checked: 7, withMailbox: 3, checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
    expect(match.checkedAt >= started && match.checkedAt <= new Date().toISOString()).toBe(true);
    expectFixtureAnswers(await mailboxes(), match.checkedAt);

    const human = await sb.run(['sync', '--from', FIXTURE_JSON], { env });
    expect(human.exitCode).toBe(0);
    expect(String(human.stderr)).toContain('Kivra mailboxes: 3 of 7 flagged employees can receive.');
    const swedish = await sb.run(['sync', '--from', FIXTURE_JSON, '--lang', 'sv'], { env });
    expect(swedish.exitCode).toBe(0);
    expect(String(swedish.stderr)).toContain('✔ Brevlådor i Kivra: 3 av 7 anställda markerade för Kivra kan ta emot.');
    // Columns: personnummer (masked), Kivra, Print, Mailbox, Checked.
    const table = await sb.run(['employees', 'list']);
    const row = (number: string) => String(table.stdout).split('\n').find((line) => line.startsWith(number)) ?? '';
    expect(row('1001')).toMatch(/19800511-\*{4}\s+yes\s+no\s+yes\s+\d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(row('1003')).toMatch(/19730288-\*{4}\s+yes\s+yes\s+no\s+\d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(row('1010')).toMatch(/19770324-\*{4}\s+no\s+no\s+unknown\s+—/);
  });

  test('against a separately started Kivra (--api-url, credentials from the environment), asked again on every sync', async () => {
    sb = createSandbox();
    const kivra = await startEmulator();
    await activateAgainst(kivra.url);
    const first = await sb.run(['sync', '--from', FIXTURE_JSON, '--json'], { env: CREDENTIALS_ENV });
    expect(first.exitCode, String(first.stderr)).toBe(0);
    expect(sb.json(first).mailboxes).toMatchObject({ checked: 7, withMailbox: 3 });
    expect(kivra.state.requests).toMatchObject({ auth: 1, usermatch: 1, content: 0 });
    expectFixtureAnswers(await mailboxes(), sb.json(first).mailboxes.checkedAt);
    expect(String(first.stdout) + String(first.stderr)).not.toContain(CLIENT.clientSecret);

    // 1003 registers with Kivra; the next sync, with nothing new to import, asks again.
    kivra.register('197302889931');
    const second = await sb.run(['sync', '--from', FIXTURE_JSON, '--json'], { env: CREDENTIALS_ENV });
    expect(second.exitCode, String(second.stderr)).toBe(0);
    expect(sb.json(second)).toMatchObject({ payslips: { added: 0, updated: 0, unchanged: 29 }, mailboxes: { checked: 7, withMailbox: 4 } });
    expect(kivra.state.requests.usermatch).toBe(2);
    const found = await mailboxes();
    expect(found['1003']).toEqual([true, sb.json(second).mailboxes.checkedAt]);
  });

  test('--offline does not ask Kivra at all', async () => {
    sb = createSandbox();
    const kivra = await startEmulator();
    await activateAgainst(kivra.url);
    const r = await sb.run(['sync', '--from', FIXTURE_JSON, '--offline', '--json'], { env: CREDENTIALS_ENV });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(sb.json(r).mailboxes).toBeNull();
    expect(kivra.state.requests).toEqual({ auth: 0, tenant: 0, usermatch: 0, content: 0, other: 0 });
    expect(Object.values(await mailboxes()).every(([mailbox, at]) => mailbox === null && at === null)).toBe(true);
  });

  test('rejected credentials: exit 5 after the import, which is kept', async () => {
    sb = createSandbox();
    const kivra = await startEmulator();
    await activateAgainst(kivra.url);
    const r = await sb.run(['sync', '--from', FIXTURE_JSON, '--json'], { env: { ...CREDENTIALS_ENV, KIVRA_CLIENT_SECRET: 'wrong-secret' } });
    expect(r.exitCode).toBe(5);
    expect(sb.json(r)).toMatchObject({
      imported: true,
      payslips: { added: 29 },
      mailboxes: null,
      mailboxCheck: { done: false, reason: 'kivra_auth', unanswered: FLAGGED },
      error: { code: 'kivra_auth', message: expect.stringContaining('The import itself was kept') },
    });
    expect(kivra.state.requests.usermatch).toBe(0);
    const found = await mailboxes();
    expect(Object.keys(found)).toHaveLength(10);
    expect(Object.values(found).every(([mailbox]) => mailbox === null)).toBe(true);

    // No credentials at all: refused (exit 4), the import again kept and said so.
    const none = await sb.run(['sync', '--from', FIXTURE_JSON, '--json']);
    expect(none.exitCode).toBe(4);
    expect(sb.json(none)).toMatchObject({
      imported: true,
      mailboxCheck: { done: false, reason: 'credentials_missing', unanswered: FLAGGED },
      error: { code: 'credentials_missing', message: expect.stringContaining('The import itself was kept') },
    });
  });

  test('Kivra unreachable: exit 5 after the import, which is kept; a re-run finishes the job', async () => {
    sb = createSandbox();
    const kivra = await startEmulator();
    await activateAgainst(kivra.url);
    await kivra.close();
    emulator = undefined;
    const r = await sb.run(['sync', '--from', FIXTURE_JSON], { env: CREDENTIALS_ENV, timeout: 60_000 });
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toContain('Payslips   29 added, 0 updated, 0 unchanged');
    const stderr = String(r.stderr);
    expect(stderr).toMatch(/error: Kivra could not be reached: .* The import itself was kept; only the mailbox check is missing\.\n/);
    expect(stderr).toContain('\n  No mailbox answer yet for 7 employees: 1001, 1002, 1003, 1004, 1005, 1006 and 1007.\n');
    expect(stderr).toContain('Run the same sync again when Kivra answers: the import finds nothing to change and the mailboxes are checked. To import without asking Kivra, add --offline.');
    expect(Object.keys(await mailboxes())).toHaveLength(10);

    // The same in Swedish, as one JSON document: the import is there (unchanged now), the check is not.
    const swedish = await sb.run(['sync', '--from', FIXTURE_JSON, '--json', '--lang', 'sv'], { env: CREDENTIALS_ENV, timeout: 60_000 });
    expect(swedish.exitCode).toBe(5);
    expect(sb.json(swedish)).toMatchObject({
      imported: true,
      payslips: { added: 0, unchanged: 29 },
      mailboxes: null,
      mailboxCheck: { done: false, reason: 'kivra_unreachable', unanswered: FLAGGED },
      error: {
        code: 'kivra_unreachable',
        message: expect.stringMatching(/ Själva importen är sparad; bara brevlådekontrollen saknas\.$/),
        details: ['Inget svar om brevlåda ännu för 7 anställda: 1001, 1002, 1003, 1004, 1005, 1006 och 1007.'],
        suggestion: expect.stringContaining('Lägg till --offline för att importera utan att fråga Kivra.'),
      },
    });
    expect(String(swedish.stderr)).toContain('fel: ');
    expect(String(swedish.stderr)).not.toMatch(/import itself|mailbox answer|Run the same/);

    // Kivra is back (on another port here); the same sync imports nothing new and matches.
    const back = await startEmulator();
    expect((await sb.run(['activate', '--api-url', back.url])).exitCode).toBe(0);
    const again = await sb.run(['sync', '--from', FIXTURE_JSON, '--json'], { env: CREDENTIALS_ENV });
    expect(again.exitCode, String(again.stderr)).toBe(0);
    expect(sb.json(again)).toMatchObject({ payslips: { added: 0, unchanged: 29 }, mailboxes: { checked: 7, withMailbox: 3 }, mailboxCheck: { done: true } });
    expect(sb.json(again)).not.toHaveProperty('error');
  });
});

describe('a kept import without its mailbox check never exits 2 (which says nothing was written)', () => {
  test('Ctrl+C while Kivra has not answered: exit 130 at once, the import kept and said so, no answer stored', async () => {
    sb = createSandbox();
    // A Kivra that takes every request and never answers.
    let asked!: () => void;
    const reached = new Promise<void>((resolve) => (asked = resolve));
    const silent = createServer(() => asked());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      await activateAgainst(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`);
      const child = execa('node', [BIN, 'sync', '--from', FIXTURE_JSON], {
        env: { ...sb.env, ...CREDENTIALS_ENV, PAYSLIPS_LANG: 'sv' },
        extendEnv: false,
        input: '',
        reject: false,
        timeout: 60_000,
      });
      await reached;
      child.kill('SIGINT');
      const r = await child;
      expect(r.exitCode, String(r.stderr)).toBe(130);
      // Well before the client's own 30 s timeout: the interrupt does not wait for Kivra.
      expect(r.durationMs).toBeLessThan(25_000);
      expect(r.stdout).toMatch(/^Lönespecifikationer\s+29 nya, 0 ändrade, 0 oförändrade$/m);
      const stderr = String(r.stderr);
      expect(stderr).toContain('fel: Avbrutet. Själva importen är sparad; bara brevlådekontrollen saknas.\n');
      expect(stderr).toContain('\n  Inget svar om brevlåda ännu för 7 anställda: 1001, 1002, 1003, 1004, 1005, 1006 och 1007.\n');
      expect(stderr).toContain('Kör samma sync igen för att kontrollera brevlådorna: importen hittar inget att ändra.');
      expect(stderr).not.toMatch(/import itself|mailbox answer|Run the same/);
      const found = await mailboxes();
      expect(Object.keys(found)).toHaveLength(10);
      expect(Object.values(found).every(([mailbox]) => mailbox === null)).toBe(true);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  test('a recipients file that cannot be read (environment local): exit 4, not 2, and the import is there', async () => {
    sb = createSandbox();
    expect((await sb.run(['activate', ...COMPANY])).exitCode).toBe(0);
    const r = await sb.run(['sync', '--from', FIXTURE_JSON, '--json'], { env: { PAYSLIPS_LOCAL_RECIPIENTS: join(sb.dir, 'no-such-file.json') } });
    expect(r.exitCode, String(r.stderr)).toBe(4);
    expect(sb.json(r)).toMatchObject({
      imported: true,
      payslips: { added: 29 },
      mailboxCheck: { done: false, reason: 'invalid_recipients', unanswered: FLAGGED },
      error: { code: 'invalid_recipients', message: expect.stringContaining('The import itself was kept'), suggestion: expect.stringMatching(/^Correct that, then run the same sync again/) },
    });
    expect(Object.keys(await mailboxes())).toHaveLength(10);
  });
});
