import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { startKivraEmulator, type KivraEmulator, type KivraEmulatorOptions } from '../../src/kivra/emulator/index.js';
import { createSandbox, REPO_ROOT, type Sandbox } from './cli.js';

/**
 * The month-end fixtures (fixtures/payroll.json, 10 employees, pay runs 2025-10 and
 * 2025-11 final, 2025-12 preliminary) set up for `select`/`send`/`log` tests, either
 * against the `local` environment or a Kivra emulator started by the test.
 */

export const ORG = '5566778899';
export const PAYROLL_JSON = join(REPO_ROOT, 'fixtures', 'payroll.json');
/** Who has a mailbox: 1001, 1002, 1005 and 1010 (1010 is not flagged for Kivra). */
export const RECIPIENTS_FILE = join(REPO_ROOT, 'fixtures', 'kivra-recipients.json');
export const RECIPIENTS: string[] = (JSON.parse(readFileSync(RECIPIENTS_FILE, 'utf8')) as { list: string[] }).list;

export const SSN = {
  '1001': '198005112381',
  '1002': '198306092399',
  '1003': '197302889931',
  '1004': '199209222380',
  '1005': '200202202388',
  '1006': '198908222386',
  '1007': '199003192383',
  '1010': '197703242391',
} as const;

/** What the 2025-11 run (and 2025-10) plans, per employee, with the fixtures' mailboxes. */
export const PLANNED_CHANNELS: Record<string, string> = {
  '1001': 'kivra',
  '1002': 'kivra',
  '1003': 'print',
  '1004': 'print',
  '1005': 'kivra',
  '1006': 'retain',
  '1007': 'retain',
  '1008': 'fail',
  '1009': 'fail',
  '1010': 'skip',
};

export const TENANT_KEY = '1557487933aaaabbbbccccddddeeeeffff00001111';
export const CLIENT = { clientId: 'client-test', clientSecret: 'secret-N7pqW2xv9' };
export const KIVRA_ENV = { KIVRA_CLIENT_ID: CLIENT.clientId, KIVRA_CLIENT_SECRET: CLIENT.clientSecret };

export const ACTIVATE_READY = [
  '--licence', 'on', '--retention-days', '390', '--send-payslips', 'on', '--print', 'on', '--active', 'on', '--apply-to-employees', 'no',
];

export interface MonthEnd extends Sandbox {
  /** The payroll export the sandbox was synced from (a copy when it was edited). */
  payrollPath: string;
}

type Payroll = {
  employees: Array<Record<string, unknown> & { employee_number: string }>;
  pay_runs: Array<{ id: string; payout_date: string; status: string; payslips: Array<Record<string, unknown> & { employee_number: string }> }>;
};

export function readPayroll(): Payroll {
  return JSON.parse(readFileSync(PAYROLL_JSON, 'utf8')) as Payroll;
}

/** Writes an edited copy of the fixtures' payroll export into the sandbox. */
export function writePayroll(sb: Sandbox, payroll: Payroll, name = 'payroll.json'): string {
  const path = join(sb.dir, name);
  writeFileSync(path, JSON.stringify(payroll, null, 2));
  return path;
}

async function mustRun(sb: Sandbox, args: string[], env?: Record<string, string>): Promise<void> {
  const r = await sb.run(args, { env });
  if (r.exitCode !== 0) throw new Error(`payslips ${args.join(' ')} exited ${r.exitCode}:\n${String(r.stderr)}`);
}

/**
 * Activation and sync cost a second or two each on a busy machine; the local-environment
 * sandbox is built once per test file and copied (database and emulator state) per test.
 */
let localTemplate: Sandbox | undefined;

/** A company on the `local` environment, ready to send, synced from the fixtures. */
export async function localMonthEnd(options: { edit?: (payroll: Payroll) => void; operator?: string } = {}): Promise<MonthEnd> {
  const sb = createSandbox(options.operator);
  sb.env.PAYSLIPS_LOCAL_RECIPIENTS = RECIPIENTS_FILE;
  if (options.edit) {
    const payroll = readPayroll();
    options.edit(payroll);
    const payrollPath = writePayroll(sb, payroll);
    await mustRun(sb, ['activate', '--org-number', ORG, '--name', 'Ekbacken Bygg & Måleri AB', ...ACTIVATE_READY]);
    await mustRun(sb, ['sync', '--from', payrollPath]);
    return { ...sb, payrollPath };
  }
  if (!localTemplate) {
    const template = createSandbox(options.operator);
    template.env.PAYSLIPS_LOCAL_RECIPIENTS = RECIPIENTS_FILE;
    await mustRun(template, ['activate', '--org-number', ORG, '--name', 'Ekbacken Bygg & Måleri AB', ...ACTIVATE_READY]);
    await mustRun(template, ['sync', '--from', PAYROLL_JSON]);
    localTemplate = template;
  }
  cpSync(dirname(localTemplate.dbPath), dirname(sb.dbPath), { recursive: true });
  return { ...sb, payrollPath: PAYROLL_JSON };
}

/** Removes the template sandbox (its own temp directory, nothing else) at the end of a test file. */
export function dropLocalTemplate(): void {
  localTemplate?.cleanup();
  localTemplate = undefined;
}

export interface RemoteMonthEnd extends MonthEnd {
  kivra: KivraEmulator;
}

/**
 * A company whose program link points at a Kivra emulator this test started (sandbox
 * environment with `--api-url`, credentials from the environment), so the test sees
 * exactly what Kivra received.
 */
export async function remoteMonthEnd(
  options: { emulator?: KivraEmulatorOptions; activate?: string[]; edit?: (payroll: Payroll) => void; operator?: string } = {},
): Promise<RemoteMonthEnd> {
  const kivra = await startKivraEmulator({
    clients: [CLIENT],
    tenants: [{ key: TENANT_KEY, name: 'Ekbacken Bygg & Måleri AB', companyIds: [{ name: 'Ekbacken Bygg & Måleri AB', orgnr: `SE${ORG}01` }] }],
    recipients: RECIPIENTS,
    ...options.emulator,
  });
  const sb = createSandbox(options.operator);
  Object.assign(sb.env, KIVRA_ENV);
  let payrollPath = PAYROLL_JSON;
  if (options.edit) {
    const payroll = readPayroll();
    options.edit(payroll);
    payrollPath = writePayroll(sb, payroll);
  }
  await mustRun(sb, [
    'activate', '--org-number', ORG, '--name', 'Ekbacken Bygg & Måleri AB', '--environment', 'sandbox', '--api-url', kivra.url,
    '--tenant-key', TENANT_KEY, ...ACTIVATE_READY, ...(options.activate ?? []),
  ]);
  await mustRun(sb, ['sync', '--from', payrollPath, '--offline']);
  const cleanup = sb.cleanup;
  return {
    ...sb,
    payrollPath,
    kivra,
    cleanup: () => {
      cleanup();
      void kivra.close();
    },
  };
}

/** Parses an RFC 4180 document into rows of fields, header included. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  return parse(text, { delimiter, bom: true, relax_column_count: false }) as string[][];
}

/** What the `local` environment's emulator remembers: one entry per accepted (non-duplicate) content. */
export function localKivraContents(sb: Sandbox): Array<{ ssn: string; contentKey: string; outcome: string; sha256: string }> {
  const file = join(dirname(sb.dbPath), 'kivra-local', `${ORG}.json`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { t?: string; content?: { ssn: string; contentKey: string; outcome: string; sha256: string } })
    .filter((e) => e.t === 'content')
    .map((e) => e.content!);
}

/** The JSON content object a Kivra emulator received, for a record with a body. */
export function receivedJson(body: Buffer | null): Record<string, any> {
  if (!body) throw new Error('the emulator kept no body');
  return JSON.parse(body.toString('utf8')) as Record<string, any>;
}

/** Each employee's net pay in öre in one pay run of the fixtures' export, from its decimal text (`38346.72`). */
export function fixtureNetPay(payRunId: string): Map<string, number> {
  const run = readPayroll().pay_runs.find((r) => r.id === payRunId)!;
  return new Map(
    run.payslips.map((p) => {
      const [kronor, fraction = ''] = String(p.net_pay).split('.');
      return [p.employee_number, Number(kronor) * 100 + Number(fraction.padEnd(2, '0'))];
    }),
  );
}

const NBSP = '\u00a0';
const grouped = (ore: number, separator: string): string => String(Math.trunc(ore / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
/** Öre as a Swedish screen shows them: `38 346,72 kr`. */
export const kronorSv = (ore: number): string => `${grouped(ore, NBSP)},${String(ore % 100).padStart(2, '0')}${NBSP}kr`;
/** Öre as an English screen shows them: `SEK 38,346.72`. */
export const kronorEn = (ore: number): string => `SEK${NBSP}${grouped(ore, ',')}.${String(ore % 100).padStart(2, '0')}`;
