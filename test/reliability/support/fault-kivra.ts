import { startKivraEmulator, type EmulatorRequestLog, type KivraEmulator, type KivraEmulatorOptions } from '../../../src/kivra/emulator/index.js';
import type { Sandbox } from '../../helpers/cli.js';
import { generatePayroll, ORG_NUMBER, writePayroll, type GeneratedPayroll } from './generated-payroll.js';

/**
 * A Kivra emulator started by the test, apart from the CLI (environment `sandbox` with
 * an explicit loopback API URL), so a test can change its faults, kill the CLI, and look
 * at every content it accepted.
 */

export const TENANT_KEY = '1557487933' + '56fa20e402ae472e51019cf723d7fe35';
export const CLIENT_ID = 'payslips-reliability';
export const CLIENT_SECRET = 'sekret-R3l1ab1l1ty-Xq9vP2mZ';

export const kivraEnv = { KIVRA_CLIENT_ID: CLIENT_ID, KIVRA_CLIENT_SECRET: CLIENT_SECRET };

export interface FaultKivra extends KivraEmulator {
  /** Every answered or dropped request, in order. */
  readonly requestLog: EmulatorRequestLog[];
  /** Moves the emulator's clock (tokens, retention) without touching the CLI's. */
  skewClock(ms: number): void;
  /** Called after each request is logged, e.g. to change faults mid-job. */
  onRequest?: (entry: EmulatorRequestLog, log: readonly EmulatorRequestLog[]) => void;
}

export async function startFaultKivra(recipients: Iterable<string>, options: KivraEmulatorOptions = {}): Promise<FaultKivra> {
  const requestLog: EmulatorRequestLog[] = [];
  let skew = 0;
  let harness: FaultKivra | undefined;
  const emulator = await startKivraEmulator({
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
    tenants: [{ key: TENANT_KEY, name: 'Prov AB', companyIds: [{ name: 'Prov AB', orgnr: 'SE556677889901' }] }],
    recipients,
    duplicateControl: 'production',
    now: () => Date.now() + skew,
    onRequest: (entry) => {
      requestLog.push(entry);
      harness?.onRequest?.(entry, requestLog);
    },
    ...options,
  });
  harness = Object.assign(emulator, {
    requestLog,
    skewClock: (ms: number) => {
      skew += ms;
    },
  }) as FaultKivra;
  return harness;
}

/** How many answers of each status the content endpoint gave, e.g. `{ 201: 30, 503: 12 }`. */
export function contentAnswers(kivra: FaultKivra): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of kivra.requestLog) {
    if (entry.endpoint !== 'content') continue;
    counts[String(entry.status)] = (counts[String(entry.status)] ?? 0) + 1;
  }
  return counts;
}

/** Activates the company against `kivra`, imports `count` payslips and matches mailboxes. */
export async function prepareCompany(sb: Sandbox, kivra: KivraEmulator, count: number, apiUrl = kivra.url): Promise<GeneratedPayroll> {
  const payroll = generatePayroll(count);
  const activate = await sb.run(
    [
      'activate', '--org-number', ORG_NUMBER, '--name', 'Prov AB', '--street', 'Storgatan 1', '--postal-code', '111 22', '--city', 'Stockholm',
      '--email', 'lon@prov.example', '--phone', '08-123 45 67', '--licence', 'on', '--environment', 'sandbox', '--api-url', apiUrl, '--tenant-key', TENANT_KEY,
      '--retention-days', '0', '--send-payslips', 'on', '--print', 'off', '--active', 'on', '--apply-to-employees', 'no',
    ],
    { env: kivraEnv },
  );
  if (activate.exitCode !== 0) throw new Error(`activate failed: ${activate.stderr}`);
  const sync = await sb.run(['sync', '--from', writePayroll(sb.dir, payroll)], { env: kivraEnv, timeout: 120_000 });
  if (sync.exitCode !== 0) throw new Error(`sync failed: ${sync.stderr}`);
  return payroll;
}
