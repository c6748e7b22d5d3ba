import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EMULATOR_ERROR_CODES, type KivraEmulator } from '../../src/kivra/emulator/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { CREDENTIALS, TENANT_KEY, connectClient, startEmulator } from './support/harness.js';
import { describeErrors, KIVRA_DIR, loadKivraOpenApi } from './support/kivra-openapi.js';
import { MAILBOX_SSN, NO_MAILBOX_SSN, PAYLOAD_VARIANTS, payslipPayload } from './support/payloads.js';
import { startRecordingProxy, type RecordedExchange, type RecordingProxy } from './support/recording-proxy.js';

/**
 * Contract tests against Kivra's own description of its API (src/vendor/kivra): every
 * request the client really sent and every answer the emulator really gave, captured on
 * the wire by a recording proxy, validated against the schemas in swagger.yml.
 */

const api = loadKivraOpenApi();
const CONTENT_PATH = '/v2/tenant/{tenantKey}/content';
const USERMATCH_PATH = '/v2/tenant/{tenantKey}/usermatch/ssn';
const TENANT_PATH = '/v2/tenant/{tenantKey}';

function expectValid(validate: ReturnType<typeof api.validator>, value: unknown, what: string): void {
  const ok = validate(value);
  expect(ok, `${what} does not match Kivra's schema:\n${describeErrors(validate.errors)}`).toBe(true);
}

const json = (body: Buffer): Record<string, unknown> => JSON.parse(body.toString('utf8')) as Record<string, unknown>;

describe('the client against the emulator, recorded on the wire', () => {
  let emulator: KivraEmulator;
  let proxy: RecordingProxy;
  const sent: Buffer[] = [];
  const byPath = (suffix: string, method = 'POST'): RecordedExchange[] =>
    proxy.exchanges.filter((e) => e.method === method && e.path.split('?')[0]!.endsWith(suffix));

  beforeAll(async () => {
    emulator = await startEmulator();
    proxy = await startRecordingProxy(emulator.url);
    // A small batch size so the recorded traffic includes the client's batching.
    const { client } = connectClient(proxy.url, { matchBatchSize: 2 });
    try {
      await client.getTenant(TENANT_KEY);
      await client.matchUsers(TENANT_KEY, [MAILBOX_SSN, NO_MAILBOX_SSN, '198005112381', '198306092399', '200202202388']);
      for (const variant of PAYLOAD_VARIANTS) {
        for (const ssn of [MAILBOX_SSN, NO_MAILBOX_SSN]) {
          // Without retain, a recipient without a mailbox is refused (40105): skip that pair.
          if (variant.retentionDays === 0 && ssn === NO_MAILBOX_SSN) continue;
          const body = await payslipPayload({ ...variant, ssn });
          sent.push(body);
          await client.sendContent(TENANT_KEY, body);
        }
      }
    } finally {
      client.close();
    }
  });
  afterAll(async () => {
    await proxy?.close();
    await emulator?.close();
  });

  test('the auth request is an OAuth2 client-credentials form to the tokenUrl, with Basic credentials', () => {
    const tokenUrl = new URL(api.doc.components.securitySchemes.oAuth2Client.flows.clientCredentials.tokenUrl as string);
    const auths = byPath(tokenUrl.pathname);
    expect(auths).toHaveLength(1);
    const auth = auths[0]!;
    expect(auth.path).toBe(tokenUrl.pathname);
    expect(auth.requestHeaders['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    // RFC 6749 §4.4.2: grant_type is required, and nothing else is needed for the full scope.
    expect([...new URLSearchParams(auth.requestBody.toString('utf8'))]).toEqual([['grant_type', 'client_credentials']]);
    // docs/kivra-api.md §2.1: base64 of "id:secret" (RFC 2045, no trailing newline).
    const basic = /^Basic (.+)$/.exec(auth.requestHeaders.authorization ?? '')?.[1];
    expect(Buffer.from(basic ?? '', 'base64').toString('utf8')).toBe(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`);
  });

  test('the token answer has the fields and types of Kivra\'s documented example', () => {
    const intro = (parseYaml(readFileSync(join(KIVRA_DIR, '_partials', 'api-introduction.yml'), 'utf8')) as { introText: string }).introText;
    const section = intro.slice(intro.indexOf('### RESPONSE: Authentication'));
    // The example body is the block from a line "{" to a line "}" (the scope inside holds braces).
    const example = JSON.parse(/^\{$[\s\S]*?^\}$/m.exec(section)![0]) as Record<string, unknown>;
    const answer = byPath('/v1/auth')[0]!;
    expect(answer.status).toBe(200);
    expect(answer.responseHeaders['content-type']).toMatch(/^application\/json/);
    const body = json(answer.responseBody);
    expect(Object.keys(body).sort()).toEqual(Object.keys(example).sort());
    for (const [key, value] of Object.entries(example)) expect(typeof body[key], key).toBe(typeof value);
    expect(body).toMatchObject({ state: example.state, token_type: example.token_type, expires_in: example.expires_in });
    expect(body.access_token).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  test('every request after auth carries the bearer token from the token answer', () => {
    const token = json(byPath('/v1/auth')[0]!.responseBody).access_token as string;
    const rest = proxy.exchanges.filter((e) => e.path !== '/v1/auth');
    expect(rest.length).toBeGreaterThan(5);
    for (const exchange of rest) expect(exchange.requestHeaders.authorization).toBe(`Bearer ${token}`);
  });

  test('the tenant answer matches Tenant_v2', () => {
    const [tenant] = byPath(`/v2/tenant/${TENANT_KEY}`, 'GET');
    expect(tenant?.status).toBe(200);
    expectValid(api.responseSchema(TENANT_PATH, 'get', 200), json(tenant!.responseBody), 'GET tenant answer');
  });

  test('usermatch requests are batched, and each request and answer matches UserMatchV2SSN', () => {
    const matches = byPath('/usermatch/ssn');
    expect(matches.map((m) => (json(m.requestBody).list as string[]).length)).toEqual([2, 2, 1]);
    for (const match of matches) {
      expect(match.requestHeaders['content-type']).toMatch(/^application\/json/);
      expectValid(api.requestSchema(USERMATCH_PATH, 'post'), json(match.requestBody), 'usermatch request');
      expect(match.status).toBe(200);
      expectValid(api.responseSchema(USERMATCH_PATH, 'post', 200), json(match.responseBody), 'usermatch answer');
    }
    expect(matches.flatMap((m) => json(m.responseBody).list as string[])).toEqual([MAILBOX_SSN]);
  });

  test('every content request (salaryslip and letter.salary, with and without retain) matches the request schema, byte for byte as built', () => {
    const contents = byPath('/content');
    expect(contents.map((c) => c.requestBody)).toEqual(sent);
    const validate = api.requestSchema(CONTENT_PATH, 'post');
    const salaryslip = api.validator('/components/schemas/SalarySlip');
    const seen = new Set<string>();
    for (const content of contents) {
      const body = json(content.requestBody);
      expectValid(validate, body, `content ${String(body.type)} retain=${String(body.retain)}`);
      if (body.type === 'salaryslip') expectValid(salaryslip, body.salaryslip, 'salaryslip object');
      else expect(body.salaryslip).toBeUndefined();
      seen.add(`${String(body.type)}/${String(body.retention_time ?? 'none')}`);
    }
    expect([...seen].sort()).toEqual(['letter.salary/30', 'letter.salary/none', 'salaryslip/390', 'salaryslip/none']);
  });

  test('the schemas are not vacuous: a content without subject, or with a broken salaryslip, is rejected', () => {
    const validate = api.requestSchema(CONTENT_PATH, 'post');
    const body = json(byPath('/content')[0]!.requestBody);
    const { subject: _subject, ...withoutSubject } = body;
    expect(validate(withoutSubject)).toBe(false);
    expect(validate({ ...body, retention_time: 390 })).toBe(false);
    const slip = body.salaryslip as Record<string, any>;
    expect(validate({ ...body, salaryslip: { ...slip, pay_period: { ...slip.pay_period, net_pay: { monetary_amount: '1,5', currency: 'SEK' } } } })).toBe(false);
    expect(api.responseSchema(TENANT_PATH, 'get', 200)({ name: 'x' })).toBe(false);
  });

  test('every content answer is a 201 matching the response schema, with a ContentKey in kivra-objkey and kivra-retained only when retained', () => {
    const keyPattern = new RegExp(api.doc.components.schemas.ContentKey.pattern as string);
    const validate = api.responseSchema(CONTENT_PATH, 'post', 201);
    for (const content of byPath('/content')) {
      const request = json(content.requestBody);
      expect(content.status).toBe(201);
      expectValid(validate, json(content.responseBody), 'content answer');
      expect(json(content.responseBody)).toEqual({ subject: request.subject, type: request.type, generated_at: request.generated_at });
      expect(content.responseHeaders['kivra-objkey']).toMatch(keyPattern);
      expect(content.responseHeaders.location).toBe(`${emulator.url}/v2/tenant/${TENANT_KEY}/content/${String(content.responseHeaders['kivra-objkey'])}`);
      const retained = request.ssn === NO_MAILBOX_SSN;
      expect(content.responseHeaders['kivra-retained']).toBe(retained ? 'true' : undefined);
      expect(content.responseHeaders['x-correlation-id']).toBeTruthy();
    }
  });
});

describe('error answers', () => {
  let emulator: KivraEmulator;
  let token = '';
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimitPerMinute: 1 });
    token = (await authenticate()).access_token as string;
  });
  afterAll(() => emulator?.close());

  const send = async (method: string, path: string, init: { headers?: Record<string, string>; body?: string | Buffer } = {}) => {
    const response = await fetch(emulator.url + path, { method, headers: init.headers, body: init.body });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  };
  const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const authenticate = async (form = 'grant_type=client_credentials', secret = CREDENTIALS.clientSecret) =>
    json(
      (
        await send('POST', '/v1/auth', {
          headers: { authorization: basic(CREDENTIALS.clientId, secret), 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        })
      ).body,
    );
  const content = (body: string | Buffer, headers: Record<string, string> = {}, bearer = token) =>
    send('POST', `/v2/tenant/${TENANT_KEY}/content`, { headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...headers }, body });
  const contentWith = async (changes: Record<string, unknown>) => {
    const base = json(await payslipPayload({ contentType: 'letter.salary', retentionDays: 0 }));
    return content(JSON.stringify({ ...base, ...changes }));
  };
  const fault = async (status: 500 | 502 | 503 | 504) => {
    emulator.setFaults({ failFirst: { status, count: 1, endpoints: ['tenant'] } });
    return send('GET', `/v2/tenant/${TENANT_KEY}`, { headers: { authorization: `Bearer ${token}` } });
  };

  // One way to provoke each code the emulator knows; the test below insists the list is complete.
  const triggers: Record<string, () => Promise<{ status: number; headers: Headers; body: Buffer }>> = {
    '40001': () => send('POST', '/v1/auth', { headers: { authorization: basic(CREDENTIALS.clientId, CREDENTIALS.clientSecret), 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=password' }),
    '40003': () => send('POST', '/v1/auth', { headers: { authorization: basic(CREDENTIALS.clientId, CREDENTIALS.clientSecret), 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&scope=not-a-scope' }),
    '40008': () => content('{"ssn": '),
    '40009': () => contentWith({ ssn: '191212121213' }),
    '40019': () => contentWith({ parts: [] }),
    '40024': () => contentWith({ ssn: undefined }),
    '40026': () => content('[]'),
    '40028': () => contentWith({ parts: [{ name: 'a.txt', data: 'aGVq', content_type: 'text/plain' }] }),
    '40059': () => contentWith({ subject: undefined }),
    '40100': () => content('{}', {}, 'NotAValidToken0000000000000000000'),
    '40104': () => send('POST', '/v1/auth', { headers: { authorization: basic(CREDENTIALS.clientId, 'wrong'), 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' }),
    '40105': () => contentWith({ ssn: NO_MAILBOX_SSN }),
    '40300': async () => {
      const limited = (await authenticate(`grant_type=client_credentials&scope=get:kivra.v2.tenant.${TENANT_KEY}`)).access_token as string;
      return content('{}', {}, limited);
    },
    '40400': () => send('GET', `/v2/tenant/${TENANT_KEY}/nothing-here`),
    '40500': () => send('GET', '/v1/auth'),
    '41300': () => contentWith({ parts: [{ name: 'big.pdf', content_type: 'application/pdf', data: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(1_100_000)]).toString('base64') }] }),
    '41500': () => content('{}', { 'content-type': 'text/plain' }),
    '42221': () => contentWith({ type: 'letter', retain: true }),
    '42900': async () => {
      await contentWith({ ssn: '198005112381', retain: true });
      return contentWith({ ssn: '198005112381', retain: true });
    },
    '50000': () => fault(500),
    '50200': () => fault(502),
    '50300': () => fault(503),
    '50400': () => fault(504),
  };

  test('each code is provoked by a request, and every error answer matches Kivra\'s error schema and catalogue', async () => {
    expect(Object.keys(triggers).sort()).toEqual([...EMULATOR_ERROR_CODES].sort());
    const catalogue = JSON.parse(readFileSync(join(KIVRA_DIR, 'api-errors.json'), 'utf8')) as Record<string, { short_message: string }>;
    const basicError = api.validator('/components/schemas/BasicErrorResponse');
    // Kivra's libraries send `code` as a string (docs/kivra-api.md §5.1, §9.4), as Error40915 declares
    // it; BasicErrorResponse says integer. The emulator sends the string by default, so
    // the code is checked against Error40915's and the rest against BasicErrorResponse.
    const stringCode = api.validator('/components/schemas/Error40915/properties/code');
    for (const [code, trigger] of Object.entries(triggers)) {
      const answer = await trigger();
      expect(answer.status, code).toBe(Number(code.slice(0, 3)));
      expect(answer.headers.get('x-error-code'), code).toBe(code);
      expect(answer.headers.get('x-correlation-id'), code).toBeTruthy();
      const body = json(answer.body);
      expect(body.code, code).toBe(code);
      expectValid(stringCode, body.code, `${code} code`);
      expectValid(basicError, { ...body, code: Number(body.code) }, `${code} body`);
      expect(body.short_message, code).toBe(catalogue[code]!.short_message);
      if (code === '42900') expect(Number(answer.headers.get('retry-after')), code).toBeGreaterThan(0);
    }
  });

  test('with numeric codes switched on, error bodies match BasicErrorResponse exactly', async () => {
    const numeric = await startEmulator({ numericErrorCodes: true });
    try {
      const response = await fetch(`${numeric.url}/v2/tenant/${TENANT_KEY}`, { headers: { authorization: 'Bearer nope' } });
      const body = (await response.json()) as Record<string, unknown>;
      expect(response.status).toBe(401);
      expect(body.code).toBe(40100);
      expectValid(api.validator('/components/schemas/BasicErrorResponse'), body, 'numeric error body');
    } finally {
      await numeric.close();
    }
  });

  test('every error code the emulator can emit is in Kivra\'s catalogue, with the status its first three digits give', () => {
    const catalogue = JSON.parse(readFileSync(join(KIVRA_DIR, 'api-errors.json'), 'utf8')) as Record<string, unknown>;
    for (const code of EMULATOR_ERROR_CODES) {
      expect(Object.hasOwn(catalogue, code), `${code} is not in api-errors.json`).toBe(true);
      const status = Number(code.slice(0, 3));
      expect(status >= 400 && status < 600, code).toBe(true);
    }
    // And no code is emitted that the list above leaves out: scan the emulator's sources.
    const dir = join(REPO_ROOT, 'src', 'kivra', 'emulator');
    const used = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/'([2-5]\d{4})'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const code of used) expect(EMULATOR_ERROR_CODES as readonly string[], `emulator source uses ${code}`).toContain(code);
  });
});
