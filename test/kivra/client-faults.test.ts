import { createServer } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { KivraApiError } from '../../src/kivra/api-error.js';
import { isInMailbox, type KivraEmulator, type KivraEmulatorOptions } from '../../src/kivra/emulator/index.js';
import { TENANT_KEY, connectClient, startEmulator, type TestClient } from './support/harness.js';
import { payslipPayload } from './support/payloads.js';

/**
 * The real client against the real emulator with each injected fault: what the client
 * retries, how long it is told to wait, and what it reports when it gives up. Waits are
 * recorded instead of slept, so nothing here depends on timing except the one timeout test.
 */

let emulator: KivraEmulator | undefined;
let tc: TestClient | undefined;
afterEach(async () => {
  tc?.client.close();
  await emulator?.close();
  emulator = undefined;
  tc = undefined;
});

async function setup(options: KivraEmulatorOptions = {}, client: Parameters<typeof connectClient>[1] = {}): Promise<{ emulator: KivraEmulator; tc: TestClient }> {
  emulator = await startEmulator(options);
  tc = connectClient(emulator.url, client);
  return { emulator, tc };
}

async function failure(promise: Promise<unknown>): Promise<KivraApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KivraApiError);
  return error as KivraApiError;
}

// To a recipient without a mailbox, so Kivra retains it: the answer carries kivra-retained.
const letter = () => payslipPayload({ contentType: 'letter.salary', retentionDays: 390, ssn: '197701032380' });

describe('5xx bursts (failFirst)', () => {
  test.each([503, 500, 502, 504] as const)('a burst of %i shorter than the retries is ridden out with exponential backoff', async (status) => {
    const { emulator, tc } = await setup({ faults: { failFirst: { status, count: 3 } } });
    const result = await tc.client.sendContent(TENANT_KEY, await letter());
    expect(result.attempts).toBe(4);
    expect(result.contentKey).toMatch(/^\d{10}[0-9a-f]{32}$/);
    // Full jitter with random() = 0.5: half of 500, 1000, 2000 ms.
    expect(tc.sleeps).toEqual([250, 500, 1000]);
    expect(emulator.state.requests.content).toBe(4);
    expect(emulator.state.contents.map((c) => c.outcome)).toEqual(['retained']);
  });

  test('503 that outlasts the retries is transient: Kivra turned the content away', async () => {
    const { emulator, tc } = await setup({ faults: { failFirst: { status: 503, count: 10 } } }, { retry: { retries: 2 } });
    const error = await failure(tc.client.sendContent(TENANT_KEY, await letter()));
    expect(error).toMatchObject({ kind: 'transient', status: 503, code: '50300', attempts: 3 });
    expect(error.correlationId).toBeTruthy();
    expect(emulator.state.contents).toHaveLength(0);
  });

  test.each([500, 502, 504] as const)('%i that outlasts the retries leaves a content send\'s outcome unknown, a tenant read transient', async (status) => {
    const { tc } = await setup({ faults: { failFirst: { status, count: 10, endpoints: ['content', 'tenant'] } } }, { retry: { retries: 1 } });
    const send = await failure(tc.client.sendContent(TENANT_KEY, await letter()));
    expect(send).toMatchObject({ kind: 'unknown_outcome', status, attempts: 2 });
    const read = await failure(tc.client.getTenant(TENANT_KEY));
    expect(read).toMatchObject({ kind: 'transient', status, code: `${status}00`, attempts: 2 });
  });
});

describe('429 and Retry-After', () => {
  test('Retry-After in seconds is the wait', async () => {
    const { tc } = await setup({ faults: { failFirst: { status: 429, count: 1, retryAfter: 2 } } });
    const result = await tc.client.sendContent(TENANT_KEY, await letter());
    expect(result.attempts).toBe(2);
    expect(tc.sleeps).toEqual([2000]);
  });

  test('Retry-After as an HTTP date is the time until that date', async () => {
    const now = Date.UTC(2026, 0, 15, 12, 0, 0);
    const { tc } = await setup(
      { faults: { failFirst: { status: 429, count: 1, retryAfter: new Date(now + 3000).toUTCString(), endpoints: ['usermatch'] } } },
      { now: () => now },
    );
    expect(await tc.client.matchUsers(TENANT_KEY, ['191212121212'])).toEqual(new Set(['191212121212']));
    expect(tc.sleeps).toEqual([3000]);
  });

  test('a Retry-After longer than the client will wait ends the retries with the wait reported', async () => {
    const { emulator, tc } = await setup({ faults: { failFirst: { status: 429, count: 1, retryAfter: 600 } } });
    const error = await failure(tc.client.sendContent(TENANT_KEY, await letter()));
    expect(error).toMatchObject({ kind: 'transient', status: 429, code: '42900', attempts: 1, retryAfterMs: 600_000 });
    expect(tc.sleeps).toEqual([]);
    expect(emulator.state.contents).toHaveLength(0);
  });

  test('the emulator\'s own per-recipient rate limit is retried after the Retry-After it gives', async () => {
    const { emulator, tc } = await setup({ rateLimitPerMinute: 1 });
    const first = await payslipPayload({ contentType: 'letter.salary', retentionDays: 390 });
    const second = await payslipPayload({ contentType: 'salaryslip', retentionDays: 390 });
    await tc.client.sendContent(TENANT_KEY, first);
    const error = await failure(tc.client.sendContent(TENANT_KEY, second));
    expect(error).toMatchObject({ kind: 'transient', status: 429, code: '42900' });
    expect(tc.sleeps.length).toBeGreaterThan(0);
    for (const wait of tc.sleeps) expect(wait).toBeGreaterThan(50_000);
    expect(emulator.state.contents).toHaveLength(1);
  });
});

test('failEvery: every third content fails with 503 and each is retried once', async () => {
  const { emulator, tc } = await setup({ faults: { failEvery: { status: 503, every: 3 } } });
  const ssns = ['191212121212', '198005112381', '198306092399', '200202202388', '197703242391', '197701032380'];
  for (const ssn of ssns) await tc.client.sendContent(TENANT_KEY, await payslipPayload({ contentType: 'letter.salary', retentionDays: 390, ssn }));
  // Requests 3 and 6 fail; each failed payslip's retry is the next request.
  expect(emulator.state.requests.content).toBe(8);
  expect(tc.sleeps).toHaveLength(2);
  expect(emulator.state.contents.map((c) => c.ssn)).toEqual(ssns);
});

describe('dropAfterAccept: the content is taken, the answer never arrives', () => {
  test('with duplicate control on, the client reports the outcome unknown and the byte-identical resend is recognised', async () => {
    const { emulator, tc } = await setup({ faults: { dropAfterAccept: 1 } }, { retry: { retries: 0 } });
    const body = await letter();
    const error = await failure(tc.client.sendContent(TENANT_KEY, body));
    expect(error).toMatchObject({ kind: 'unknown_outcome', code: 'unknown_outcome', status: null });
    expect(error.message).toContain('resend the identical payload');
    expect(emulator.state.contents.map((c) => c.outcome)).toEqual(['retained']);

    const again = await tc.client.sendContent(TENANT_KEY, body);
    expect(again.contentKey).toBe(emulator.state.contents[0]!.contentKey);
    // The duplicate is answered like the first copy, retained flag included.
    expect(again.retained).toBe(true);
    expect(emulator.state.contents.map((c) => c.outcome)).toEqual(['retained', 'duplicate']);
  });

  test('with duplicate control off (sandbox), the same resend is recorded a second time', async () => {
    const { emulator, tc } = await setup({ duplicateControl: 'sandbox', faults: { dropAfterAccept: 1 } }, { retry: { retries: 0 } });
    const body = await letter();
    await failure(tc.client.sendContent(TENANT_KEY, body));
    const again = await tc.client.sendContent(TENANT_KEY, body);
    expect(emulator.state.contents.map((c) => c.outcome)).toEqual(['retained', 'retained']);
    expect(again.contentKey).toBe(emulator.state.contents[1]!.contentKey);
    expect(emulator.state.contents[0]!.contentKey).not.toBe(emulator.state.contents[1]!.contentKey);
    expect(emulator.state.contents[0]!.sha256).toBe(emulator.state.contents[1]!.sha256);
  });

  test('with retries left, the client resends the same bytes itself and gets the first copy\'s key', async () => {
    const { emulator, tc } = await setup({ recipients: ['191212121212'], faults: { dropAfterAccept: 1 } });
    const result = await tc.client.sendContent(TENANT_KEY, await payslipPayload({ contentType: 'salaryslip', retentionDays: 0 }));
    expect(result.attempts).toBe(2);
    expect(tc.events).toContainEqual(expect.objectContaining({ type: 'network-error', bodySent: true }));
    expect(emulator.state.contents.map((c) => c.outcome)).toEqual(['delivered', 'duplicate']);
    expect(result.contentKey).toBe(emulator.state.contents[0]!.contentKey);
    expect(emulator.state.contents.filter(isInMailbox)).toHaveLength(1);
  });
});

test('latency beyond the client timeout: a read is unreachable, a content send unknown, and the resend is a duplicate', async () => {
  const { emulator, tc } = await setup({}, { timeoutMs: 150, retry: { retries: 0 } });
  await tc.client.getTenant(TENANT_KEY); // the token, fetched before the answers slow down
  emulator.setFaults({ latencyMs: 1500 });
  const read = await failure(tc.client.getTenant(TENANT_KEY));
  expect(read).toMatchObject({ kind: 'unreachable', code: 'timeout', status: null });
  expect(emulator.state.requests.auth).toBe(1);
  const body = await letter();
  const send = await failure(tc.client.sendContent(TENANT_KEY, body));
  expect(send.kind).toBe('unknown_outcome');
  // The emulator processed it before the delay: the payslip is in fact retained.
  expect(emulator.state.contents.map((c) => c.outcome)).toEqual(['retained']);
  emulator.setFaults({ latencyMs: 0 });
  const again = await tc.client.sendContent(TENANT_KEY, body);
  expect(again.contentKey).toBe(emulator.state.contents[0]!.contentKey);
  expect(emulator.state.contents.map((c) => c.outcome)).toEqual(['retained', 'duplicate']);
});

describe('tokens', () => {
  test('a token that expired at Kivra before the client expected is renewed once on the 401', async () => {
    let emulatorNow = Date.now();
    const { emulator, tc } = await setup({ tokenLifetimeSeconds: 60, now: () => emulatorNow });
    await tc.client.getTenant(TENANT_KEY);
    emulatorNow += 120_000;
    const tenant = await tc.client.getTenant(TENANT_KEY);
    expect(tenant.name).toBe('Exempel AB');
    expect(tc.events.filter((e) => e.type === 'token-renewal')).toHaveLength(1);
    expect(emulator.state.requests.auth).toBe(2);
    expect(emulator.state.requests.tenant).toBe(3);
  });

  test('the client renews a short-lived token before it runs out, without a 401', async () => {
    let clientNow = Date.now();
    const { emulator, tc } = await setup({ faults: { tokenLifetimeSeconds: 2 } }, { now: () => clientNow });
    await tc.client.getTenant(TENANT_KEY);
    clientNow += 1500;
    await tc.client.getTenant(TENANT_KEY);
    expect(emulator.state.requests.auth).toBe(2);
    expect(tc.events.filter((e) => e.type === 'token-renewal')).toHaveLength(0);
  });

  test('a renewed token that is refused again is an auth error, after exactly one renewal', async () => {
    // Tokens that are dead on arrival: every bearer request is answered 401.
    const { emulator, tc } = await setup({ faults: { tokenLifetimeSeconds: 0 } });
    const error = await failure(tc.client.getTenant(TENANT_KEY));
    expect(error).toMatchObject({ kind: 'auth', status: 401, code: '40100' });
    expect(emulator.state.requests.auth).toBe(2);
    expect(emulator.state.requests.tenant).toBe(2);
  });

  test('rejectAllCredentials: the token request is refused, reported as auth and not retried', async () => {
    const { emulator, tc } = await setup({ faults: { rejectAllCredentials: true } });
    const error = await failure(tc.client.getTenant(TENANT_KEY));
    expect(error).toMatchObject({ kind: 'auth', status: 401, code: '40104', attempts: 1 });
    expect(emulator.state.requests).toMatchObject({ auth: 1, tenant: 0 });
    expect(tc.sleeps).toEqual([]);
  });
});

test('a permanent refusal (40105, no mailbox and no retain) is not retried', async () => {
  const { emulator, tc } = await setup();
  const error = await failure(tc.client.sendContent(TENANT_KEY, await payslipPayload({ contentType: 'letter.salary', retentionDays: 0, ssn: '197701032380' })));
  expect(error).toMatchObject({ kind: 'permanent', status: 401, code: '40105', attempts: 1 });
  expect(emulator.state.requests.content).toBe(1);
});

test('connection refused: unreachable after the retries, with nothing sent', async () => {
  const port = await closedPort();
  tc = connectClient(`http://127.0.0.1:${port}`, { retry: { retries: 2 } });
  const read = await failure(tc.client.getTenant(TENANT_KEY));
  expect(read).toMatchObject({ kind: 'unreachable', code: 'connection_refused', status: null, attempts: 3 });
  expect(tc.sleeps).toHaveLength(2);
});

test('Kivra gone after the token was issued: a content send is known not to have arrived (unreachable, not unknown)', async () => {
  const { emulator, tc } = await setup({}, { retry: { retries: 1 } });
  await tc.client.getTenant(TENANT_KEY);
  // Idle keep-alive sockets go first: a write into a socket the server has just closed
  // may have reached it, and the client rightly reports that as an unknown outcome.
  tc.client.close();
  await emulator.close();
  const send = await failure(tc.client.sendContent(TENANT_KEY, await letter()));
  expect(send).toMatchObject({ kind: 'unreachable', code: 'connection_refused', attempts: 2 });
  expect(tc.events.filter((e) => e.type === 'network-error')).toEqual([
    expect.objectContaining({ failure: 'refused', bodySent: false }),
    expect.objectContaining({ failure: 'refused', bodySent: false }),
  ]);
});

/** A loopback port nothing listens on: bound, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('Ctrl+C during a retry wait', () => {
  test('before anything could have been delivered, the interrupt itself comes out and no wait is sat out', async () => {
    const interrupt = new AbortController();
    const reason = new Error('interrupted by the test');
    emulator = await startEmulator({ faults: { failFirst: { status: 503, count: 1, retryAfter: 60 } } });
    const events: string[] = [];
    // The client's own sleep: a 60 s Retry-After that the abort must cut short.
    tc = connectClient(emulator.url, { signal: interrupt.signal, sleep: undefined, onEvent: (e) => {
      events.push(e.type);
      if (e.type === 'retry') interrupt.abort(reason);
    } });
    // A 60 s wait sat out would run past the test's timeout.
    await expect(tc.client.sendContent(TENANT_KEY, await letter())).rejects.toBe(reason);
    expect(events).toContain('retry');
    expect(emulator.state.contents).toHaveLength(0);
  });

  test('after a content may have arrived, the outcome is reported unknown so the payload is kept', async () => {
    const interrupt = new AbortController();
    emulator = await startEmulator({ faults: { dropAfterAccept: 1 } });
    tc = connectClient(emulator.url, { signal: interrupt.signal, sleep: undefined, onEvent: (e) => {
      if (e.type === 'retry') interrupt.abort(new Error('interrupted by the test'));
    } });
    const error = await failure(tc.client.sendContent(TENANT_KEY, await letter()));
    expect(error.kind).toBe('unknown_outcome');
    expect(emulator.state.contents).toHaveLength(1);
  });
});
