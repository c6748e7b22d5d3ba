import http from 'node:http';
import { createServer } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { startKivraEmulator, type KivraEmulator } from '../../src/kivra/emulator/index.js';
import { createSandbox, type Sandbox } from '../helpers/cli.js';

/**
 * `payslips activate --check` end to end: the built CLI against the built-in emulator
 * (environment local), and against a Kivra emulator started apart from it on loopback,
 * reached through --api-url with credentials from the environment.
 */

const ORG = '556677-8899';
const TENANT_KEY = '155748793356fa20e402ae472e51019cf723d7fe35';
const CLIENT_ID = 'acme-payroll';
const SECRET = 'kivra-secret-H6Zq08rF5fjQttd6fTKe';
const GOOD = { KIVRA_CLIENT_ID: CLIENT_ID, KIVRA_CLIENT_SECRET: SECRET };

let sb: Sandbox | undefined;
let emulator: KivraEmulator | undefined;
afterEach(async () => {
  sb?.cleanup();
  await emulator?.close();
  sb = undefined;
  emulator = undefined;
});

const output = (r: { stdout: unknown; stderr: unknown }): string => `${String(r.stdout)}\n${String(r.stderr)}`;

async function companyAgainst(apiUrl: string): Promise<Sandbox> {
  const sandbox = createSandbox();
  const created = await sandbox.run([
    'activate', '--org-number', ORG, '--name', 'Exempel AB', '--environment', 'sandbox', '--api-url', apiUrl, '--tenant-key', TENANT_KEY,
    '--street', 'Storgatan 1', '--postal-code', '111 22', '--city', 'Stockholm', '--email', 'lon@exempel.example', '--phone', '08-123 45 67',
  ]);
  expect(created.exitCode).toBe(0);
  return sandbox;
}

function startTenant(orgnr: string): Promise<KivraEmulator> {
  return startKivraEmulator({
    clients: [{ clientId: CLIENT_ID, clientSecret: SECRET }],
    tenants: [{ key: TENANT_KEY, name: 'Exempel AB (Kivra)', companyIds: [{ name: 'Exempel AB', orgnr }] }],
  });
}

test('environment local: the built-in emulator answers with the company as its tenant', async () => {
  sb = createSandbox();
  expect((await sb.run(['activate', '--org-number', ORG, '--name', 'Exempel AB'])).exitCode).toBe(0);
  const r = await sb.run(['activate', '--check', '--json']);
  expect(r.exitCode).toBe(0);
  expect(sb.json(r)).toMatchObject({
    company: { orgNumber: '5566778899', name: 'Exempel AB' },
    environment: 'local',
    local: true,
    tenantName: 'Exempel AB',
    orgNumbers: ['SE556677889901'],
    matchesCompany: true,
  });
  expect(sb.json(r).baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

describe('against a separately started emulator (--api-url, credentials from the environment)', () => {
  test('reports the tenant name and org numbers; human output on stdout, the connection on stderr', async () => {
    emulator = await startTenant('SE556677889901');
    sb = await companyAgainst(emulator.url);
    const human = await sb.run(['activate', '--check'], { env: GOOD });
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain('Tenant       Exempel AB (Kivra)');
    expect(human.stdout).toContain(`Tenant key   ${TENANT_KEY}`);
    expect(human.stdout).toContain('Org numbers  SE556677889901');
    expect(human.stderr).toContain(`Connected to Kivra (sandbox, ${emulator.url})`);
    expect(human.stderr).not.toContain('warning');

    const r = await sb.run(['activate', '--check', '--json'], { env: GOOD });
    expect(r.exitCode).toBe(0);
    expect(sb.json(r)).toEqual({
      company: { orgNumber: '5566778899', name: 'Exempel AB' },
      environment: 'sandbox',
      baseUrl: emulator.url,
      local: false,
      tenantKey: TENANT_KEY,
      tenantName: 'Exempel AB (Kivra)',
      orgNumbers: ['SE556677889901'],
      matchesCompany: true,
      employerDetailsMissing: [],
    });
    expect(r.stderr).toBe('');
    // Reads only: two tokens (one per run), two tenant reads, nothing sent.
    expect(emulator.state.requests).toMatchObject({ auth: 2, tenant: 2, usermatch: 0, content: 0 });
    for (const run of [human, r]) expect(output(run)).not.toContain(SECRET);
  });

  test('warns when the tenant\'s org numbers do not include the company\'s', async () => {
    emulator = await startTenant('SE559408724801');
    sb = await companyAgainst(emulator.url);
    const human = await sb.run(['activate', '--check'], { env: GOOD });
    expect(human.exitCode).toBe(0);
    expect(human.stderr).toContain('warning: the tenant\'s org numbers do not include 556677-8899 (Exempel AB)');
    const r = await sb.run(['activate', '--check', '--json'], { env: GOOD });
    expect(sb.json(r)).toMatchObject({ orgNumbers: ['SE559408724801'], matchesCompany: false });
  });

  test('bad credentials exit 5, with Kivra\'s code and no secret in the output', async () => {
    emulator = await startTenant('SE556677889901');
    sb = await companyAgainst(emulator.url);
    const wrongSecret = 'wrong-secret-Zq08rF5fjQttd6fT';
    const r = await sb.run(['activate', '--check', '--json'], { env: { KIVRA_CLIENT_ID: CLIENT_ID, KIVRA_CLIENT_SECRET: wrongSecret } });
    expect(r.exitCode).toBe(5);
    expect(sb.json(r).error).toMatchObject({ code: 'kivra_auth' });
    expect(sb.json(r).error.message).toContain('40104');
    expect(r.stderr).toContain('error: Kivra rejected the credentials');
    expect(output(r)).not.toContain(wrongSecret);
    expect(output(r)).not.toContain(Buffer.from(`${CLIENT_ID}:${wrongSecret}`).toString('base64'));
    expect(emulator.state.requests).toMatchObject({ auth: 1, tenant: 0 });
  });

  test('a tenant key the credentials cannot use is refused (exit 4) with a hint', async () => {
    emulator = await startTenant('SE556677889901');
    sb = await companyAgainst(emulator.url);
    expect((await sb.run(['activate', '--tenant-key', '1424780396902ee9278b16417f8e3252c3ced28c38'])).exitCode).toBe(0);
    const r = await sb.run(['activate', '--check', '--json'], { env: GOOD });
    expect(r.exitCode).toBe(4);
    expect(sb.json(r).error).toMatchObject({ code: 'kivra_tenant_not_found' });
  });

  test('without credentials the check is refused (exit 4) before anything is sent', async () => {
    emulator = await startTenant('SE556677889901');
    sb = await companyAgainst(emulator.url);
    const r = await sb.run(['activate', '--check', '--json']);
    expect(r.exitCode).toBe(4);
    expect(sb.json(r).error).toMatchObject({ code: 'credentials_missing' });
    expect(emulator.state.requests.auth).toBe(0);
  });
});

test('any loopback server speaking Kivra\'s API will do: numeric error codes, extra tenant fields, no x-error-code', async () => {
  // Not our emulator: a few lines answering the way Kivra's documentation shows it.
  const server = http.createServer((req, res) => {
    const answer = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}`;
    if (req.method === 'POST' && req.url === '/v1/auth') {
      if (req.headers.authorization !== basic) return answer(401, { code: 40104, short_message: 'Invalid Client', long_message: 'Client authentication failed' });
      return answer(200, { state: '', access_token: 'H6Zq08rF5fjQttd6fTKepWb3FQNptcip', expires_in: 28800, scope: `kivra.v1.tenant.${TENANT_KEY}.*`, token_type: 'bearer' });
    }
    if (req.method === 'GET' && req.url === `/v2/tenant/${TENANT_KEY}` && req.headers.authorization === 'Bearer H6Zq08rF5fjQttd6fTKepWb3FQNptcip') {
      return answer(200, {
        name: 'Exempel',
        company_id: [{ name: 'Exempel AB', orgnr: 'SE556677889901' }, { name: 'Exempel Holding AB', orgnr: 'SE559408724801' }],
        edit_security_level: 50, groups: [], visibility: 'visible', created_at: '2019-05-20T12:42:29Z', status: 'optional', class: 'opt_out',
      });
    }
    return answer(404, { code: 40400, short_message: 'Not Found', long_message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    sb = await companyAgainst(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
    const r = await sb.run(['activate', '--check', '--json'], { env: GOOD });
    expect(r.exitCode).toBe(0);
    expect(sb.json(r)).toMatchObject({ tenantName: 'Exempel', orgNumbers: ['SE556677889901', 'SE559408724801'], matchesCompany: true });
    const refused = await sb.run(['activate', '--check', '--json'], { env: { ...GOOD, KIVRA_CLIENT_SECRET: 'not-it' } });
    expect(refused.exitCode).toBe(5);
    expect(sb.json(refused).error.message).toContain('40104 Invalid Client');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('unreachable Kivra (a closed loopback port) exits 5 with a JSON error', async () => {
  const port = await closedPort();
  sb = await companyAgainst(`http://127.0.0.1:${port}`);
  const r = await sb.run(['activate', '--check', '--json'], { env: GOOD });
  expect(r.exitCode).toBe(5);
  expect(sb.json(r).error).toMatchObject({ code: 'kivra_unreachable' });
  expect(sb.json(r).error.message).toContain('ECONNREFUSED');
  expect(output(r)).not.toContain(SECRET);
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
