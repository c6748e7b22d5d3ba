import { parse } from 'csv-parse/sync';
import Database from 'better-sqlite3';
import type { KivraEmulator } from '../../../src/kivra/emulator/index.js';
import type { Sandbox } from '../../helpers/cli.js';

/**
 * The promise the fault suite checks after every fault: each selected payslip has exactly
 * one final outcome, what the log says was delivered is at Kivra under the same key, and
 * Kivra received each payslip at most once apart from byte-identical retries.
 */

const FINAL = new Set(['delivered', 'retained', 'printed', 'skipped', 'failed']);

export interface LedgerReport {
  rows: Array<Record<string, string>>;
  outcomes: Record<string, number>;
  /** Contents Kivra received per recipient beyond the first (all byte-identical, absorbed). */
  absorbedRetries: number;
  /** Payslips whose recipients got two different deliveries (must be 0). */
  duplicated: string[];
  /** Log says delivered but Kivra has nothing, or Kivra has it but the log disagrees. */
  lost: string[];
}

export async function readJobCsv(sb: Sandbox, jobId: number): Promise<Array<Record<string, string>>> {
  const r = await sb.run(['log', String(jobId), '--csv']);
  if (r.exitCode !== 0) throw new Error(`log ${jobId} --csv: exit ${r.exitCode}: ${r.stderr}`);
  return parse(String(r.stdout), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}

export async function checkLedger(sb: Sandbox, jobId: number, kivra: KivraEmulator, ssns: readonly string[]): Promise<LedgerReport> {
  const rows = await readJobCsv(sb, jobId);
  const outcomes: Record<string, number> = {};
  for (const row of rows) outcomes[row.outcome!] = (outcomes[row.outcome!] ?? 0) + 1;

  const byRecipient = new Map<string, typeof kivra.state.contents>();
  for (const content of kivra.state.contents) {
    const list = byRecipient.get(content.ssn ?? '') ?? [];
    list.push(content);
    byRecipient.set(content.ssn ?? '', list);
  }
  let absorbedRetries = 0;
  const duplicated: string[] = [];
  const lost: string[] = [];
  const bySsn = new Map(rows.map((r) => [r.personnummer, r]));
  for (const ssn of ssns) {
    const row = bySsn.get(ssn);
    const received = byRecipient.get(ssn) ?? [];
    const firsts = received.filter((c) => c.outcome !== 'duplicate');
    if (firsts.length > 1 || new Set(received.map((c) => c.sha256)).size > 1) duplicated.push(ssn);
    absorbedRetries += Math.max(0, received.length - 1);
    const atKivra = firsts[0];
    if (row?.outcome === 'delivered' || row?.outcome === 'retained') {
      if (!atKivra || atKivra.contentKey !== row.kivra_content_key) lost.push(ssn);
    } else if (atKivra) {
      // Kivra has it but the log does not say so: a later --resend would send it twice.
      lost.push(ssn);
    }
  }
  return { rows, outcomes, absorbedRetries, duplicated, lost };
}

/** Every payslip of the selection appears once in the job, with a final outcome. */
export function finalOutcomeProblems(rows: Array<Record<string, string>>, ssns: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(row.personnummer!, (seen.get(row.personnummer!) ?? 0) + 1);
  for (const ssn of ssns) {
    if ((seen.get(ssn) ?? 0) !== 1) problems.push(`${ssn}: ${seen.get(ssn) ?? 0} rows`);
  }
  for (const row of rows) if (!FINAL.has(row.outcome!)) problems.push(`${row.personnummer}: outcome ${row.outcome}`);
  return problems;
}

/** The database agrees: no item of any job left pending/sending, and no payslip delivered twice. */
export function databaseProblems(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const open = db.prepare(`SELECT count(*) AS n FROM send_items WHERE state IN ('pending','sending')`).get() as { n: number };
    const twice = db
      .prepare(`SELECT payslip_id, count(*) AS n FROM send_items WHERE state IN ('delivered','retained') GROUP BY payslip_id HAVING n > 1`)
      .all() as Array<{ payslip_id: number; n: number }>;
    return [...(open.n > 0 ? [`${open.n} items left pending/sending`] : []), ...twice.map((t) => `payslip ${t.payslip_id} delivered ${t.n} times`)];
  } finally {
    db.close();
  }
}
