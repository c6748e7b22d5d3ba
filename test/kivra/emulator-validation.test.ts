import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { KivraEmulator, KivraEmulatorOptions } from '../../src/kivra/emulator/index.js';
import { CREDENTIALS, TENANT_KEY, startEmulator } from './support/harness.js';
import { MAILBOX_SSN, NO_MAILBOX_SSN, payslipPayload, smallPdf } from './support/payloads.js';

/**
 * The emulator's validation, as docs/kivra-api.md §8.1 lists it, over raw HTTP: each rule
 * with a request it must refuse (status and Kivra code) and one it must accept.
 */

interface Answer {
  status: number;
  code: string | null;
  headers: Headers;
  body: Record<string, unknown>;
}

async function request(emulator: KivraEmulator, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Answer> {
  const response = await fetch(emulator.url + path, { method, headers, body });
  const text = await response.text();
  return { status: response.status, code: response.headers.get('x-error-code'), headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function tokenFor(emulator: KivraEmulator, scope?: string): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString();
  const basic = `Basic ${Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString('base64')}`;
  const answer = await request(emulator, 'POST', '/v1/auth', { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, form);
  return answer.body.access_token as string;
}

function useEmulator(options: KivraEmulatorOptions = {}) {
  const env = { emulator: undefined as unknown as KivraEmulator, token: '', base: {} as Record<string, unknown> };
  beforeAll(async () => {
    env.emulator = await startEmulator(options);
    env.token = await tokenFor(env.emulator);
    env.base = JSON.parse((await payslipPayload({ contentType: 'salaryslip', retentionDays: 0 })).toString('utf8')) as Record<string, unknown>;
  });
  afterAll(() => env.emulator?.close());
  const content = (body: Record<string, unknown> | string | Buffer, headers: Record<string, string> = {}) =>
    request(env.emulator, 'POST', `/v2/tenant/${TENANT_KEY}/content`, { authorization: `Bearer ${env.token}`, 'content-type': 'application/json', ...headers }, typeof body === 'object' && !Buffer.isBuffer(body) ? JSON.stringify(body) : body);
  /** The real payslip body with `changes` applied; `undefined` removes a field. */
  const changed = (changes: Record<string, unknown>) => content(JSON.parse(JSON.stringify({ ...env.base, ...changes })) as Record<string, unknown>);
  return { env, content, changed };
}

const refused = (answer: Answer, status: number, code: string): void => {
  expect({ status: answer.status, code: answer.code }).toEqual({ status, code });
};

describe('content validation (docs/kivra-api.md §8.1)', () => {
  const { env, content, changed } = useEmulator({ duplicateControl: 'sandbox', rateLimitPerMinute: 10_000 });

  test('the real payslip body is accepted as it is', async () => {
    const answer = await changed({});
    expect(answer.status).toBe(201);
  });

  test('JSON shape: not JSON is 40008, JSON that is not an object 40026, not application/json 41500', async () => {
    refused(await content('{"subject": "x"'), 400, '40008');
    refused(await content('"a string"'), 400, '40026');
    refused(await content(JSON.stringify(env.base), { 'content-type': 'text/plain' }), 415, '41500');
  });

  test('size: a content over 1 MB is 413/41300; just under is accepted', async () => {
    const limit = 1024 * 1024;
    const withPadding = (size: number): string => {
      const empty = Buffer.byteLength(JSON.stringify({ ...env.base, subject: '' }));
      return JSON.stringify({ ...env.base, subject: 'x'.repeat(size - empty) });
    };
    expect(Buffer.byteLength(withPadding(limit))).toBe(limit);
    expect((await content(withPadding(limit))).status).toBe(201);
    refused(await content(withPadding(limit + 1)), 413, '41300');
  });

  test('subject and type are required; the type must be a person content type (40059)', async () => {
    refused(await changed({ subject: undefined }), 400, '40059');
    refused(await changed({ subject: '  ' }), 400, '40059');
    refused(await changed({ type: undefined }), 400, '40059');
    refused(await changed({ type: 'accounting.invoice' }), 400, '40059');
  });

  test('a recipient is required (40024); the SSN must be 12 digits with a valid check digit (40009)', async () => {
    refused(await changed({ ssn: undefined }), 400, '40024');
    for (const ssn of ['1912121212', '19121212-1212', '1912121212123', '191212121213', '19121212121x']) {
      refused(await changed({ ssn }), 400, '40009');
    }
    expect((await changed({ ssn: '198005112381', retain: true })).status).toBe(201);
  });

  test('retention_time is the string "30" or "390" (40059)', async () => {
    for (const retention_time of ['30', '390']) expect((await changed({ retain: true, retention_time })).status).toBe(201);
    for (const retention_time of ['31', '0', 390, '']) refused(await changed({ retain: true, retention_time }), 400, '40059');
    refused(await changed({ retain: 'yes' }), 400, '40059');
  });

  test('retain only for retainable types: 422/42221 for the others', async () => {
    const letter = { ...env.base, salaryslip: undefined, retain: true, ssn: NO_MAILBOX_SSN };
    for (const type of ['letter', 'invoice', 'booking']) refused(await changed({ ...letter, type }), 422, '42221');
    for (const type of ['letter.salary', 'letter.creditnotice', 'letter.signed', 'invite.sign']) {
      const answer = await changed({ ...letter, type, subject: `retained ${type}` });
      expect(answer.status, type).toBe(201);
      expect(answer.headers.get('kivra-retained'), type).toBe('true');
    }
  });

  test('parts: at least one PDF, strict base64, %PDF- magic (40019); PDF or an HTML responsive part only (40028)', async () => {
    const pdf = Buffer.from(await smallPdf()).toString('base64');
    const part = (changes: Record<string, unknown>) => ({ parts: [{ name: 'a.pdf', data: pdf, content_type: 'application/pdf', ...changes }] });
    refused(await changed({ parts: undefined }), 400, '40019');
    refused(await changed({ parts: [] }), 400, '40019');
    refused(await changed(part({ data: 'not base64!' })), 400, '40019');
    // `=` only as padding, at most two, at the end; the length a multiple of four.
    for (const data of [`${pdf.slice(0, -4)}AA=A`, `${pdf.slice(0, -4)}A===`, `${pdf.slice(0, -4)}====`, `=${pdf.slice(1)}`, `${pdf}A`, `${pdf.slice(0, -4)}AA\nA`]) {
      refused(await changed(part({ data })), 400, '40019');
    }
    for (const tail of ['AAA=', 'AA==']) {
      expect((await changed({ ...part({ data: `${pdf.slice(0, pdf.length - (pdf.length % 4 || 4))}${tail}` }), subject: `padding ${tail}` })).status, tail).toBe(201);
    }
    refused(await changed(part({ data: Buffer.from('hello, not a pdf').toString('base64') })), 400, '40019');
    refused(await changed(part({ name: undefined })), 400, '40019');
    refused(await changed(part({ content_type: 'image/png' })), 400, '40028');
    refused(await changed(part({ responsive_part: { name: 'a.html', data: 'PGgxPg==', content_type: 'text/plain' } })), 400, '40028');
    expect((await changed({ ...part({ responsive_part: { name: 'a.html', data: 'PGgxPg==', content_type: 'text/html' } }), subject: 'responsive' })).status).toBe(201);
  });

  test('salaryslip: required for type salaryslip and checked against Kivra\'s schema (40059), with the {,2} pattern read as {0,2}', async () => {
    const slip = env.base.salaryslip as Record<string, any>;
    const employer = slip.employment.employer;
    const withPhone = (telephone_number: string) => ({
      salaryslip: { ...slip, employment: { ...slip.employment, employer: { ...employer, contact_information: { ...employer.contact_information, telephone_number } } } },
    });
    refused(await changed({ salaryslip: undefined }), 400, '40059');
    const unknown = await changed({ salaryslip: { ...slip, bonus: '1' } });
    refused(unknown, 400, '40059');
    expect(unknown.body.long_message).toContain('unknown property "bonus"');
    refused(await changed({ salaryslip: { ...slip, pay_period: { ...slip.pay_period, gross_pay: { monetary_amount: '100.005', currency: 'SEK' } } } }), 400, '40059');
    // Kivra's own example number, which the schema as published cannot match in JavaScript.
    expect((await changed({ ...withPhone('+46707070707'), subject: 'phone +46' })).status).toBe(201);
    expect((await changed({ ...withPhone('08-123 45 67'), subject: 'phone 08' })).status).toBe(201);
    refused(await changed(withPhone('+4670 70 ab')), 400, '40059');
  });

  test('a recipient without a mailbox and without retain is 40105; with retain it is retained until registration', async () => {
    refused(await changed({ ssn: NO_MAILBOX_SSN }), 401, '40105');
    const retained = await changed({ ssn: '198306092399', retain: true, retention_time: '390', subject: 'until registered' });
    expect(retained.headers.get('kivra-retained')).toBe('true');
    const released = env.emulator.register('198306092399');
    expect(released.map((r) => r.contentKey)).toEqual([retained.headers.get('kivra-objkey')]);
    const delivered = await changed({ ssn: '198306092399', subject: 'after registration' });
    expect(delivered.status).toBe(201);
    expect(delivered.headers.get('kivra-retained')).toBeNull();
  });
});

describe('auth, tenant and scope', () => {
  const { env } = useEmulator();
  const get = (headers: Record<string, string>, key = TENANT_KEY) => request(env.emulator, 'GET', `/v2/tenant/${key}`, headers);

  test('a bearer token is required; the old `token` scheme and unknown tokens are 401/40100', async () => {
    refused(await get({}), 401, '40100');
    refused(await get({ authorization: `token ${env.token}` }), 401, '40100');
    refused(await get({ authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), 401, '40100');
    expect((await get({ authorization: `Bearer ${env.token}` })).status).toBe(200);
    expect((await get({ authorization: `bearer ${env.token}` })).status).toBe(200);
  });

  test('a tenant that does not exist, or is outside the client\'s tenants, is 404/40400', async () => {
    refused(await get({ authorization: `Bearer ${env.token}` }, '1424780396902ee9278b16417f8e3252c3ced28c38'), 404, '40400');
    const other = await startEmulator({ clients: [{ ...CREDENTIALS, tenantKeys: [] }] });
    try {
      const token = await tokenFor(other);
      refused(await request(other, 'GET', `/v2/tenant/${TENANT_KEY}`, { authorization: `Bearer ${token}` }), 404, '40400');
    } finally {
      await other.close();
    }
  });

  test('a limited-scope token reaches only what its scope names (docs/kivra-api.md §2.2), the v1 content scope included', async () => {
    const contentOnly = await tokenFor(env.emulator, `post:kivra.v1.tenant.${TENANT_KEY}.content`);
    refused(await get({ authorization: `Bearer ${contentOnly}` }), 403, '40300');
    const body = await payslipPayload({ contentType: 'letter.salary', retentionDays: 0 });
    const sent = await request(env.emulator, 'POST', `/v2/tenant/${TENANT_KEY}/content`, { authorization: `Bearer ${contentOnly}`, 'content-type': 'application/json' }, body);
    expect(sent.status).toBe(201);
    // Usermatch is a POST whose declared scope says `get` (docs/kivra-api.md §2.2); that scope works.
    const matchOnly = await tokenFor(env.emulator, `get:kivra.v2.tenant.${TENANT_KEY}.usermatch.ssn`);
    const match = (token: string) =>
      request(env.emulator, 'POST', `/v2/tenant/${TENANT_KEY}/usermatch/ssn`, { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, JSON.stringify({ list: [MAILBOX_SSN] }));
    expect((await match(matchOnly)).body).toEqual({ list: [MAILBOX_SSN] });
    refused(await match(contentOnly), 403, '40300');
    refused(await request(env.emulator, 'POST', `/v2/tenant/${TENANT_KEY}/content`, { authorization: `Bearer ${matchOnly}`, 'content-type': 'application/json' }, body), 403, '40300');
  });

  test('usermatch: a list of strings (40059), answered with those that have a mailbox; over 10 MB is 413/41300', async () => {
    const match = (body: string) => request(env.emulator, 'POST', `/v2/tenant/${TENANT_KEY}/usermatch/ssn`, { authorization: `Bearer ${env.token}`, 'content-type': 'application/json' }, body);
    expect((await match(JSON.stringify({ list: [NO_MAILBOX_SSN, MAILBOX_SSN] }))).body).toEqual({ list: [MAILBOX_SSN] });
    refused(await match(JSON.stringify({ list: [191212121212] })), 400, '40059');
    refused(await match(JSON.stringify({ ssns: [MAILBOX_SSN] })), 400, '40059');
    const huge = JSON.stringify({ list: Array.from({ length: 700_000 }, () => MAILBOX_SSN) });
    expect(Buffer.byteLength(huge)).toBeGreaterThan(10 * 1024 * 1024);
    refused(await match(huge), 413, '41300');
  });
});

describe('per-recipient rate limit (docs/kivra-api.md §6: 50 a minute)', () => {
  let clock = Date.UTC(2026, 0, 15, 12, 0, 0);
  const { content, env } = useEmulator({ now: () => clock, duplicateControl: 'sandbox' });

  test('the 51st content to one recipient within a minute is 429/42900 with Retry-After; others and later ones pass', async () => {
    const body = JSON.stringify(env.base);
    for (let i = 0; i < 50; i += 1) expect((await content(body)).status, `content ${i + 1}`).toBe(201);
    clock += 30_000;
    const limited = await content(body);
    refused(limited, 429, '42900');
    expect(Number(limited.headers.get('retry-after'))).toBe(30);
    expect((await content({ ...env.base, ssn: '198005112381', retain: true })).status).toBe(201);
    clock += 30_001;
    expect((await content(body)).status).toBe(201);
  });
});
