import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createKivraClient } from '../../src/kivra/client.js';
import { startLocalKivra, type LocalKivra } from '../../src/kivra/local.js';
import { MAILBOX_SSN, NO_MAILBOX_SSN, payslipPayload } from './support/payloads.js';

/**
 * The `local` environment starts a fresh emulator for every CLI run; its state file is
 * what makes separate runs one Kivra: duplicate control, retained content and recipients
 * survive a restart, and no request body (personal data) is written.
 */

let dir: string | undefined;
let local: LocalKivra | undefined;
afterEach(async () => {
  await local?.close();
  local = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function run<T>(stateFile: string, work: (send: (body: Buffer) => ReturnType<ReturnType<typeof createKivraClient>['sendContent']>, kivra: LocalKivra) => Promise<T>): Promise<T> {
  local = await startLocalKivra({ stateFile, orgNumber: '5566778899', tenantName: 'Exempel AB', recipients: [MAILBOX_SSN] });
  const client = createKivraClient({ baseUrl: local.baseUrl, ...local.credentials, retry: { retries: 0 } });
  try {
    return await work((body) => client.sendContent(local!.tenantKey, body), local);
  } finally {
    client.close();
    await local.close();
    local = undefined;
  }
}

test('a resend in a later run is recognised as a duplicate, and retained content is released on registration after a restart', async () => {
  dir = mkdtempSync(join(tmpdir(), 'payslips-kivra-local-'));
  const stateFile = join(dir, 'kivra-local', 'state.json');
  const delivered = await payslipPayload({ contentType: 'salaryslip', retentionDays: 390 });
  const retained = await payslipPayload({ contentType: 'salaryslip', retentionDays: 390, ssn: NO_MAILBOX_SSN });

  const first = await run(stateFile, async (send) => ({ delivered: await send(delivered), retained: await send(retained) }));
  expect(first.retained.retained).toBe(true);

  const second = await run(stateFile, async (send, kivra) => {
    const again = { delivered: await send(delivered), retained: await send(retained) };
    expect(kivra.emulator.state.contents.map((c) => c.outcome)).toEqual(['delivered', 'retained', 'duplicate', 'duplicate']);
    const released = kivra.emulator.register(NO_MAILBOX_SSN);
    expect(released.map((r) => r.contentKey)).toEqual([first.retained.contentKey]);
    return again;
  });
  expect(second.delivered.contentKey).toBe(first.delivered.contentKey);
  expect(second.retained).toMatchObject({ contentKey: first.retained.contentKey, retained: true });

  // Third run: the registration and the release were remembered too.
  await run(stateFile, async (send, kivra) => {
    expect(kivra.emulator.state.recipients.has(NO_MAILBOX_SSN)).toBe(true);
    const answer = await send(retained);
    expect(answer).toMatchObject({ contentKey: first.retained.contentKey, retained: false });
  });

  const saved = readFileSync(stateFile, 'utf8');
  expect(saved).not.toContain(JSON.parse(delivered.toString('utf8')).parts[0].data.slice(0, 200));
  expect(saved).not.toContain('monetary_amount');
});
