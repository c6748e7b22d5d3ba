import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startKivraEmulator, type KivraEmulator } from '../../src/kivra/emulator/index.js';
import { createSandbox, type Sandbox } from '../helpers/cli.js';
import { ACTIVATE_READY, CLIENT, KIVRA_ENV, ORG, PAYROLL_JSON, RECIPIENTS, TENANT_KEY } from '../helpers/month-end.js';

/**
 * When Kivra says no to the run itself, not to one payslip (docs/month-end.md "When Kivra
 * says no"): a tenant key Kivra does not know, credentials without the permission, an
 * answer payslips cannot act on. sync and send stop with exit 4 or 5 and a message that
 * says what to do, never exit 1; what was done is kept.
 */

/** Of Kivra's form, and not the tenant the emulator knows. */
const WRONG_KEY = '1424780396902ee9278b16417f8e3252c3ced28c38';

let sb: Sandbox | undefined;
afterEach(() => {
  sb?.cleanup();
  sb = undefined;
});

async function activate(apiUrl: string, tenantKey: string): Promise<Sandbox> {
  const sandbox = createSandbox();
  Object.assign(sandbox.env, KIVRA_ENV);
  const r = await sandbox.run([
    'activate', '--org-number', ORG, '--name', 'Ekbacken Bygg & Måleri AB', '--environment', 'sandbox', '--api-url', apiUrl,
    '--tenant-key', tenantKey, ...ACTIVATE_READY,
  ]);
  expect(r.exitCode, String(r.stderr)).toBe(0);
  return sandbox;
}

describe('a tenant key Kivra does not know (the emulator answers 404)', () => {
  let kivra: KivraEmulator;
  beforeAll(async () => {
    kivra = await startKivraEmulator({
      clients: [CLIENT],
      tenants: [{ key: TENANT_KEY, name: 'Ekbacken Bygg & Måleri AB', companyIds: [{ name: 'Ekbacken Bygg & Måleri AB', orgnr: `SE${ORG}01` }] }],
      recipients: RECIPIENTS,
    });
  });
  afterAll(() => kivra.close());

  test('sync imports, then is refused at the mailbox check (exit 4) and says the import was kept', async () => {
    sb = await activate(kivra.url, WRONG_KEY);
    const r = await sb.run(['sync', '--from', PAYROLL_JSON]);
    expect(r.exitCode, String(r.stderr)).toBe(4);
    expect(r.stdout).toContain('Payslips   29 added');
    expect(r.stderr).toContain(`error: Kivra does not know the tenant key ${WRONG_KEY}, or these credentials may not use it`);
    expect(r.stderr).toContain('404 40400');
    expect(r.stderr).toContain('The import itself was kept; only the mailbox check is missing.');
    expect(r.stderr).toContain('payslips activate --check');
    expect(r.stderr).not.toMatch(/internal error|a bug/i);

    const json = await sb.run(['sync', '--from', PAYROLL_JSON, '--json']);
    expect(json.exitCode).toBe(4);
    expect(sb.json(json).error).toMatchObject({ code: 'kivra_tenant_not_found', suggestion: expect.stringContaining('payslips activate --tenant-key') });
    const employees = sb.json(await sb.run(['employees', 'list', '--json'])).employees;
    expect(employees).toHaveLength(10);
  });

  test('send is refused (exit 4) before a job is made or anything is posted', async () => {
    sb = await activate(kivra.url, TENANT_KEY);
    expect((await sb.run(['sync', '--from', PAYROLL_JSON, '--offline'])).exitCode).toBe(0);
    expect((await sb.run(['activate', '--tenant-key', WRONG_KEY])).exitCode).toBe(0);
    const posted = kivra.state.requests.content;

    const r = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(4);
    expect(sb.json(r).error).toMatchObject({
      code: 'kivra_tenant_not_found',
      message: expect.stringContaining(`Kivra does not know the tenant key ${WRONG_KEY}`),
    });
    const human = await sb.run(['send', '--date', '2025-11-25', '--yes']);
    expect(human.exitCode).toBe(4);
    expect(human.stderr).toContain('payslips activate --check');
    expect(kivra.state.requests.content).toBe(posted);
    expect(sb.json(await sb.run(['log', '--json'])).jobs).toEqual([]);

    // With the right key again, the same send goes through.
    expect((await sb.run(['activate', '--tenant-key', TENANT_KEY])).exitCode).toBe(0);
    const sent = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json']);
    expect(sent.exitCode, String(sent.stderr)).toBe(3);
    expect(sb.json(sent).totals).toMatchObject({ delivered: 3, retained: 2, printed: 2, failed: 2 });
  });
});

/**
 * Not the emulator: a few lines that answer tokens and mailbox checks as Kivra does, and
 * whatever a test sets for the call under test.
 */
describe('answers only a hand-written Kivra gives', () => {
  let server: http.Server;
  let url = '';
  const answers: { usermatch?: [number, string]; content?: [number, string] } = {};
  const posted: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
          res.writeHead(status, { 'content-type': 'application/json', 'x-correlation-id': 'corr-test-1', ...headers });
          res.end(JSON.stringify(body));
        };
        const refuse = ([status, code]: [number, string]): void => json(status, { code, short_message: 'Refused', long_message: `refused with ${code}` }, { 'x-error-code': code });
        if (req.url === '/v1/auth') return json(200, { state: '', access_token: 'H6Zq08rF5fjQttd6fTKepWb3FQNptcip', expires_in: 28800, token_type: 'bearer' });
        if (req.url?.endsWith('/usermatch/ssn')) {
          if (answers.usermatch) return refuse(answers.usermatch);
          return json(200, JSON.parse(Buffer.concat(chunks).toString('utf8')));
        }
        if (req.url?.endsWith('/content')) {
          posted.push(req.url);
          // Refused slowly, so the next payslip is rendered and waiting for the posting slot.
          if (answers.content) return void setTimeout(() => refuse(answers.content!), 400);
          return json(201, {}, { 'kivra-objkey': '1511872448' + '2475bf32615b4a2aaa604fd66377010e' });
        }
        return refuse([404, '40400']);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  afterEach(() => {
    delete answers.usermatch;
    delete answers.content;
    posted.length = 0;
  });

  test('403 at the mailbox check: sync is refused (exit 4, kivra_forbidden), the import kept', async () => {
    sb = await activate(url, TENANT_KEY);
    answers.usermatch = [403, '40300'];
    const r = await sb.run(['sync', '--from', PAYROLL_JSON, '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(4);
    expect(sb.json(r).error).toMatchObject({
      code: 'kivra_forbidden',
      message: expect.stringMatching(new RegExp(`^Kivra does not let these credentials check mailboxes for tenant ${TENANT_KEY}: .*403 40300 .*The import itself was kept`)),
    });
  });

  test('404 on content in mid-job: the job stops (exit 4) instead of failing every payslip', async () => {
    sb = await activate(url, TENANT_KEY);
    expect((await sb.run(['sync', '--from', PAYROLL_JSON, '--offline'])).exitCode).toBe(0);
    answers.content = [404, '40400'];
    const r = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json', '--concurrency', '1']);
    expect(r.exitCode, String(r.stderr)).toBe(4);
    const result = sb.json(r);
    expect(result).toMatchObject({ status: 'aborted', error: { code: 'kivra_tenant_not_found', suggestion: expect.stringContaining('payslips activate --check') } });
    expect(result.totals.failed).toBe(0);
    expect(posted).toHaveLength(1);

    // The answer is fixed: the same command continues the job and posts the rest.
    delete answers.content;
    const again = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json']);
    expect(again.exitCode, String(again.stderr)).toBe(3);
    expect(sb.json(again)).toMatchObject({ jobId: result.jobId, resumed: true, status: 'failed' });
  });

  test('an answer payslips cannot act on (415 on content) stops the job with exit 5, never exit 1', async () => {
    sb = await activate(url, TENANT_KEY);
    expect((await sb.run(['sync', '--from', PAYROLL_JSON, '--offline'])).exitCode).toBe(0);
    answers.content = [415, '41500'];
    const r = await sb.run(['send', '--date', '2025-11-25', '--yes', '--concurrency', '1']);
    expect(r.exitCode, String(r.stderr)).toBe(5);
    expect(r.stderr).toContain('Kivra gave an answer payslips cannot act on');
    expect(r.stderr).toContain('415 41500');
    expect(r.stderr).toContain('x-correlation-id corr-test-1');
    expect(r.stderr).toContain('What was done so far is kept; run the same command again to continue.');
    expect(posted).toHaveLength(1);
  });
});
