import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExitError } from '../../src/errors.js';
import { KivraApiError } from '../../src/kivra/api-error.js';
import { createKivraClient, type KivraClient } from '../../src/kivra/client.js';
import { judgeKivraFailure, type KivraCall, type KivraVerdict } from '../../src/workflows/kivra-failure.js';

/**
 * Every HTTP status Kivra could answer, on every endpoint payslips calls, from a loopback
 * server that answers whatever the table says: the client ends each call with a result
 * or a `KivraApiError`, never another error, and kivra-failure.ts turns each error into
 * a payslip failure or a documented exit 4 or 5 (docs/month-end.md "When Kivra says no").
 * Nothing here can end as exit 1.
 */

const TENANT_KEY = '155748793356fa20e402ae472e51019cf723d7fe35';
const TOKEN = 'H6Zq08rF5fjQttd6fTKepWb3FQNptcip';
const SSN = '191212121212';

type Endpoint = 'token' | KivraCall;
interface Answer {
  status: number;
  /** Kivra's error body, or no body at all. */
  body: 'kivra' | 'none';
  /** The five-digit code in the body and in x-error-code; by default the status and `00`. */
  code?: string;
}

// Final statuses only: a 1xx is never the end of an HTTP/1.1 exchange. Past 599 are
// statuses no server should send, which Node still parses.
const STATUSES = [...Array.from({ length: 400 }, (_, i) => 200 + i), 600, 799, 999];

let server: http.Server;
let baseUrl = '';
const answers = new Map<Endpoint, Answer>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const endpoint: Endpoint = req.url === '/v1/auth' ? 'token' : req.url?.endsWith('/usermatch/ssn') ? 'usermatch' : req.url?.endsWith('/content') ? 'content' : 'tenant';
    const answer = answers.get(endpoint);
    req.resume();
    req.on('end', () => {
      if (!answer) {
        // A working endpoint: what Kivra answers on success.
        const ok: Record<Endpoint, [number, unknown]> = {
          token: [200, { state: '', access_token: TOKEN, expires_in: 28800, scope: `kivra.v1.tenant.${TENANT_KEY}.*`, token_type: 'bearer' }],
          tenant: [200, { name: 'Exempel AB', company_id: [{ name: 'Exempel AB', orgnr: 'SE556677889901' }] }],
          usermatch: [200, { list: [SSN] }],
          content: [201, { subject: 'Lönespecifikation', generated_at: '2025-11-25', type: 'salaryslip' }],
        };
        const [status, body] = ok[endpoint];
        res.writeHead(status, { 'content-type': 'application/json', 'x-correlation-id': 'corr-ok' });
        res.end(JSON.stringify(body));
        return;
      }
      const code = answer.code ?? `${answer.status}00`.slice(0, 5);
      if (answer.body === 'none') {
        res.writeHead(answer.status, { 'x-correlation-id': 'corr-1' });
        res.end();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', 'x-correlation-id': 'corr-1', 'x-error-code': code });
      res.end(JSON.stringify({ code, short_message: 'Something', long_message: `Kivra said ${answer.status}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function newClient(): KivraClient {
  return createKivraClient({ baseUrl, clientId: 'client', clientSecret: 'secret', retry: { retries: 0 }, sleep: async () => {} });
}

async function call(client: KivraClient, endpoint: KivraCall): Promise<unknown> {
  switch (endpoint) {
    case 'tenant':
      return client.getTenant(TENANT_KEY);
    case 'usermatch':
      return client.matchUsers(TENANT_KEY, [SSN]);
    case 'content':
      return client.sendContent(TENANT_KEY, '{"ssn":"191212121212"}');
  }
}

interface Outcome {
  result: 'ok' | 'payslip' | 'run';
  exitCode?: number;
  code?: string;
  kivraCode?: string;
}

/** Runs one call with `answer` on `failing`, and says how it ends for the user. */
async function outcome(failing: Endpoint, answer: Answer, endpoint: KivraCall): Promise<Outcome> {
  answers.clear();
  answers.set(failing, answer);
  const client = newClient();
  try {
    await call(client, endpoint);
    return { result: 'ok' };
  } catch (error) {
    // The one thing that must never happen: anything but Kivra's error type.
    if (!(error instanceof KivraApiError)) throw new Error(`${failing} ${answer.status}: ${String(error)}`);
    const verdict: KivraVerdict = judgeKivraFailure(error, endpoint, TENANT_KEY);
    if (verdict.scope === 'payslip') return { result: 'payslip', kivraCode: verdict.errorCode };
    expect(verdict.error).toBeInstanceOf(ExitError);
    return { result: 'run', exitCode: verdict.error.exitCode, code: verdict.error.code };
  } finally {
    client.close();
  }
}

describe.each(['tenant', 'usermatch', 'content'] as const)('%s: every status ends in a result, a payslip failure or exit 4/5', (endpoint) => {
  test.each(['kivra', 'none'] as const)('with %s error body', async (body) => {
    const seen = new Map<string, number[]>();
    for (const status of STATUSES) {
      const found = await outcome(endpoint, { status, body }, endpoint);
      const key = found.result === 'run' ? `exit ${found.exitCode} ${found.code}` : found.result;
      seen.set(key, [...(seen.get(key) ?? []), status]);
      if (found.result === 'run') expect([4, 5], `${status}`).toContain(found.exitCode);
      if (found.result === 'payslip') expect(endpoint, `${status}`).toBe('content');
      if (found.result === 'ok') expect(status >= 200 && status <= 299, `${status}`).toBe(true);
    }
    const by = Object.fromEntries(seen);
    expect(by['exit 4 kivra_tenant_not_found']).toEqual([404]);
    expect(by['exit 4 kivra_forbidden']).toEqual([403]);
    if (endpoint === 'content') {
      // A 2xx is a delivery; 400, 401 (not a token problem), 409, 413, 422 and what Kivra
      // kept turning away (429, 5xx) fail that payslip alone.
      const mayHaveProcessed = [500, 502, 504];
      expect(by.ok).toEqual(STATUSES.filter((s) => s >= 200 && s <= 299));
      expect(by.payslip).toEqual([400, 409, 413, 422, 429, ...STATUSES.filter((s) => s >= 500 && s <= 599 && !mayHaveProcessed.includes(s))]);
      // A 500, 502 or 504 may come after Kivra took the content: the bytes are kept for a
      // re-run, and the job stops. A bare 401, or 40100, is a refused token.
      expect(by['exit 5 kivra_unreachable']).toEqual(mayHaveProcessed);
      expect(by['exit 5 kivra_auth']).toEqual([401]);
    } else {
      // A read without the answer it needs (no list, no tenant) cannot go on.
      expect(by.ok).toBeUndefined();
      expect(by['exit 5 kivra_unreachable']).toEqual([429, ...STATUSES.filter((s) => s >= 500 && s <= 599)]);
    }
    // Everything else: an answer payslips cannot act on, named with Kivra's words.
    expect(by['exit 5 kivra_unexpected_answer']).toEqual(expect.arrayContaining([301, 302, 304, 405, 406, 415, 418, 600, 799, 999]));
  });
});

describe('the token endpoint: every status ends in exit 5, whichever call needed the token', () => {
  test.each(['tenant', 'usermatch', 'content'] as const)('%s', async (endpoint) => {
    for (const status of STATUSES) {
      const found = await outcome('token', { status, body: 'kivra' }, endpoint);
      const expected = [400, 401, 403].includes(status)
        ? 'kivra_auth'
        : status === 429 || (status >= 500 && status <= 599)
          ? 'kivra_unreachable'
          : 'kivra_unexpected_answer';
      expect(found, `${status}`).toEqual({ result: 'run', exitCode: 5, code: expected });
    }
  });
});

describe("Kivra's codes that change the outcome", () => {
  test('a 401 about the recipient fails the payslip; a refused token (after one renewal) stops the run', async () => {
    expect(await outcome('content', { status: 401, body: 'kivra', code: '40105' }, 'content')).toEqual({ result: 'payslip', kivraCode: '40105' });
    expect(await outcome('content', { status: 401, body: 'kivra', code: '40100' }, 'content')).toEqual({ result: 'run', exitCode: 5, code: 'kivra_auth' });
    expect(await outcome('usermatch', { status: 401, body: 'kivra', code: '40105' }, 'usermatch')).toEqual({ result: 'run', exitCode: 5, code: 'kivra_unexpected_answer' });
  });

  test('an insufficient scope is refused like a 403, on every call', async () => {
    for (const endpoint of ['tenant', 'usermatch', 'content'] as const) {
      expect(await outcome(endpoint, { status: 400, body: 'kivra', code: '40003' }, endpoint)).toEqual({ result: 'run', exitCode: 4, code: 'kivra_forbidden' });
      expect(await outcome(endpoint, { status: 403, body: 'kivra', code: '40300' }, endpoint)).toEqual({ result: 'run', exitCode: 4, code: 'kivra_forbidden' });
    }
  });

  test('a content refused as too large or invalid keeps Kivra\'s code for the log', async () => {
    expect(await outcome('content', { status: 413, body: 'kivra', code: '41300' }, 'content')).toEqual({ result: 'payslip', kivraCode: '41300' });
    expect(await outcome('content', { status: 400, body: 'kivra', code: '40059' }, 'content')).toEqual({ result: 'payslip', kivraCode: '40059' });
    expect(await outcome('content', { status: 422, body: 'kivra', code: '42221' }, 'content')).toEqual({ result: 'payslip', kivraCode: '42221' });
  });
});
