import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/cli.js';
import { CLIENT_ID, CLIENT_SECRET, kivraEnv, prepareCompany, startFaultKivra, type FaultKivra } from './support/fault-kivra.js';
import { PAYOUT_DATE, testPersonnummer } from './support/generated-payroll.js';
import { startTokenSpy, type TokenSpy } from './support/token-spy.js';

/**
 * Nothing secret gets out: the client secret and every bearer token are searched for in
 * every output (human, --json, --debug, error messages) and every file the tool wrote.
 * Personnummer are masked on screen; files with personal data are owner-only.
 */

let sb: Sandbox | undefined;
let kivra: FaultKivra | undefined;
let spy: TokenSpy | undefined;
afterEach(async () => {
  await spy?.close();
  await kivra?.close();
  sb?.cleanup();
  sb = spy = kivra = undefined;
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

const COUNT = 12;

describe('secrets and personal data', () => {
  test('no client secret or bearer token in any output or file, whatever happens', async () => {
    sb = createSandbox();
    const ssns = testPersonnummer(COUNT);
    // The last two have no mailbox: one goes to the print batch.
    // Its state file is searched too, like every file in the sandbox.
    kivra = await startFaultKivra(ssns.slice(0, COUNT - 2), { stateFile: join(sb.dir, 'kivra-state.jsonl') });
    spy = await startTokenSpy(kivra.url);
    await prepareCompany(sb, kivra, COUNT, spy.url);
    const outputs: Array<{ args: string[]; result: Result }> = [];
    const run = async (args: string[], env: Record<string, string> = kivraEnv) => {
      const result = await sb!.run(args, { env, timeout: 60_000 });
      outputs.push({ args, result });
      return result;
    };

    await run(['activate', '--print', 'on', '--apply-to-employees', 'no']);
    await run(['employees', 'set', String(1000 + COUNT), '--print', 'on']);
    expect((await run(['activate', '--check', '--json'])).exitCode).toBe(0);
    await run(['activate', '--check', '--debug']);
    await run(['sync', '--from', join(sb.dir, 'payroll.json'), '--json', '--debug']);
    await run(['employees', 'list']);
    await run(['select', '--date', PAYOUT_DATE]);

    // A send with trouble: refused tokens, 503s and a lost answer, all in --debug.
    kivra.setFaults({ failFirst: { status: 503, count: 3 }, dropAfterAccept: 1 });
    kivra.onRequest = (entry, log) => {
      if (entry.status === 201 && log.filter((e) => e.status === 201).length === 4) kivra!.skewClock(9 * 3600_000);
    };
    const sent = await run(['send', '--date', PAYOUT_DATE, '--yes', '--json', '--debug']);
    expect(sent.exitCode, String(sent.stderr)).toBe(0);
    kivra.onRequest = undefined;
    const jobId = sb.json(sent).jobId as number;
    expect(sb.json(sent).printBatches).toEqual([expect.objectContaining({ payslips: 1 })]);
    await run(['send', '--date', PAYOUT_DATE, '--yes', '--debug']);

    // Credentials refused and Kivra gone: the error messages name neither secret nor token.
    kivra.setFaults({ rejectAllCredentials: true });
    const refused = await run(['send', '--date', PAYOUT_DATE, '--resend', '--yes', '--json', '--debug']);
    expect(refused.exitCode).toBe(5);
    await run(['activate', '--check', '--debug'], { KIVRA_CLIENT_ID: CLIENT_ID, KIVRA_CLIENT_SECRET: `${CLIENT_SECRET}-wrong` });
    kivra.setFaults({ rejectAllCredentials: false });

    await run(['log']);
    await run(['log', '--json']);
    await run(['log', String(jobId)]);
    await run(['log', String(jobId), '--json']);
    await run(['log', String(jobId), '--csv']);
    await run(['log', String(jobId), '--csv', join(sb.dir, 'utskick.csv')]);
    await run(['log', String(jobId), '--excel', '--csv', join(sb.dir, 'utskick-excel.csv')]);
    await run(['log', '--audit', '--json']);
    await run(['doctor', '--json']);

    const tokens = [...spy.bearerTokens];
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const needles = [CLIENT_SECRET, ...tokens, ...spy.basicHeaders];
    for (const { args, result } of outputs) {
      const text = `${String(result.stdout)}\n${String(result.stderr)}`;
      for (const needle of needles) expect(text.includes(needle), `${needle.slice(0, 6)}… in the output of ${args.join(' ')}`).toBe(false);
    }
    const files = filesUnder(sb.dir).filter((f) => !f.endsWith('payroll.json'));
    expect(files.some((f) => f.endsWith('-wal')) || files.some((f) => f.endsWith('.db'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles) expect(bytes.includes(Buffer.from(needle)), `${needle.slice(0, 6)}… in ${file}`).toBe(false);
    }

    // Every file with personal data is owner-only, its directory too.
    const written = [sb.dbPath, join(sb.dir, 'utskick.csv'), join(sb.dir, 'utskick-excel.csv'), ...files.filter((f) => f.includes(`${join('data', 'print')}`))];
    expect(written.filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
    for (const suffix of ['-wal', '-shm']) if (existsSync(sb.dbPath + suffix)) written.push(sb.dbPath + suffix);
    for (const file of written) expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
    expect((statSync(join(sb.dir, 'data', 'print')).mode & 0o777).toString(8)).toBe('700');
  }, 120_000);

  test('personnummer are masked on screen unless --show-personnummer; the CSV and JSON carry them in full', async () => {
    sb = createSandbox();
    const ssns = testPersonnummer(3);
    kivra = await startFaultKivra(ssns);
    await prepareCompany(sb, kivra, 3);
    const sent = await sb.run(['send', '--date', PAYOUT_DATE, '--yes', '--json'], { env: kivraEnv });
    expect(sent.exitCode, String(sent.stderr)).toBe(0);
    const full = (ssn: string) => [ssn, `${ssn.slice(0, 8)}-${ssn.slice(8)}`, ssn.slice(2)];
    for (const args of [['employees', 'list'], ['select', '--date', PAYOUT_DATE, '--resend'], ['log', '1']]) {
      const r = await sb.run(args);
      expect(r.exitCode).toBe(0);
      const text = `${String(r.stdout)}${String(r.stderr)}`;
      for (const ssn of ssns) {
        for (const form of full(ssn)) expect(text, `${form} in ${args.join(' ')}`).not.toContain(form);
        expect(text).toContain(`${ssn.slice(0, 8)}-****`);
      }
      const shown = await sb.run([...args, '--show-personnummer']);
      for (const ssn of ssns) expect(String(shown.stdout)).toMatch(new RegExp(`${ssn.slice(0, 8)}-?${ssn.slice(8)}`));
    }
    const csv = await sb.run(['log', '1', '--csv']);
    for (const ssn of ssns) expect(String(csv.stdout)).toContain(ssn);
  });

  test('activate --api-url refuses plain http off loopback, and nothing is written', async () => {
    sb = createSandbox();
    for (const url of ['http://example.com', 'http://10.0.0.5:8080', 'http://127.0.0.1.example.com', 'ftp://127.0.0.1']) {
      const r = await sb.run(['activate', '--org-number', '556677-8899', '--name', 'Prov AB', '--api-url', url, '--json']);
      expect(r.exitCode, url).toBe(2);
      expect(sb.json(r).error.code).toBe('invalid_api_url');
    }
    const swedish = await sb.run(['activate', '--org-number', '556677-8899', '--name', 'Prov AB', '--api-url', 'http://example.com', '--json', '--lang', 'sv']);
    expect(sb.json(swedish).error.message).toBe('--api-url måste vara https://…, eller http:// på loopback (127.0.0.1, localhost, ::1): http://example.com är okrypterad http utanför den här datorn.');
    expect(existsSync(sb.dbPath)).toBe(false);
  });

  test('a damaged credentials file is reported without quoting the secret in it', async () => {
    sb = createSandbox();
    const kivraOff = await startFaultKivra([]);
    kivra = kivraOff;
    await sb.run(['activate', '--org-number', '556677-8899', '--name', 'Prov AB', '--licence', 'on', '--environment', 'sandbox', '--api-url', kivraOff.url, '--tenant-key', '155748793356fa20e402ae472e51019cf723d7fe35', '--send-payslips', 'on', '--active', 'on']);
    const dir = join(sb.env.XDG_CONFIG_HOME!, 'payslips');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Hand-edited, the quotes around the secret forgotten.
    writeFileSync(join(dir, 'credentials.json'), `{"version":1,"companies":{"5566778899":{"sandbox":{"client_id":"${CLIENT_ID}","client_secret":${CLIENT_SECRET}}}}}`, { mode: 0o600 });
    const r = await sb.run(['activate', '--check', '--json']);
    expect(r.exitCode).toBe(2);
    expect(sb.json(r).error.code).toBe('credentials_unreadable');
    const text = `${String(r.stdout)}${String(r.stderr)}`;
    expect(text).toContain('credentials.json');
    expect(text).not.toContain(CLIENT_SECRET.slice(0, 8));
  });
});
