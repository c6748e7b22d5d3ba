import type { ImportedPayRunHeader, ImportedPayslip } from '../domain/payroll-export.js';
import { hash as digest } from 'node:crypto';
import type { DeliveryRecord } from '../domain/delivery.js';
import type { PayRun, PayRunStatus, Payslip, PayslipFigures, PayslipLine } from '../domain/types.js';
import type { Db } from './database.js';
import { cachedStatement } from './statements.js';

/** Whether an upsert added a row, changed it, or found it as it was. */
export type UpsertResult = 'added' | 'updated' | 'unchanged';

interface PayRunRow {
  id: number;
  company_id: number;
  run_key: string;
  payout_date: string;
  period_start: string;
  period_end: string;
  status: PayRun['status'];
}

const toPayRun = (r: PayRunRow): PayRun => ({
  id: r.id,
  companyId: r.company_id,
  key: r.run_key,
  payoutDate: r.payout_date,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  status: r.status,
});

export function listPayRuns(db: Db, companyId: number): PayRun[] {
  return (db.prepare('SELECT * FROM pay_runs WHERE company_id = ? ORDER BY payout_date, run_key').all(companyId) as PayRunRow[]).map(toPayRun);
}

export function upsertPayRun(db: Db, companyId: number, run: ImportedPayRunHeader, at: string): { id: number; result: UpsertResult } {
  const existing = db.prepare('SELECT * FROM pay_runs WHERE company_id = ? AND run_key = ?').get(companyId, run.key) as PayRunRow | undefined;
  if (!existing) {
    const info = db
      .prepare(
        `INSERT INTO pay_runs (company_id, run_key, payout_date, period_start, period_end, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(companyId, run.key, run.payoutDate, run.periodStart, run.periodEnd, run.status, at, at);
    return { id: Number(info.lastInsertRowid), result: 'added' };
  }
  const same =
    existing.payout_date === run.payoutDate &&
    existing.period_start === run.periodStart &&
    existing.period_end === run.periodEnd &&
    existing.status === run.status;
  if (same) return { id: existing.id, result: 'unchanged' };
  db.prepare('UPDATE pay_runs SET payout_date = ?, period_start = ?, period_end = ?, status = ?, updated_at = ? WHERE id = ?').run(
    run.payoutDate,
    run.periodStart,
    run.periodEnd,
    run.status,
    at,
    existing.id,
  );
  return { id: existing.id, result: 'updated' };
}

/**
 * A fingerprint of everything the employee would see of this payslip, so a re-import can
 * tell an unchanged payslip from a corrected one. Built from an explicit field list, not
 * from object key order.
 */
export function payslipContentHash(payslip: PayslipFigures, lines: string = linesJson(payslip.lines)): string {
  // The text hashed is JSON.stringify([...figures, lines]), as it has always been (stored
  // hashes stay valid), put together from the lines' JSON that is also stored. The
  // one-shot hash: with a Hash object per payslip, hashing was 7 % of a large import.
  const figures = JSON.stringify(figureColumns(payslip));
  return digest('sha256', `${figures.slice(0, -1)},${lines}]`, 'hex');
}

/**
 * The payslips.lines column (migration 2): the lines in their order, each as an array of
 * [code, text, kind, quantity, unit, rateOre, amountOre]. Arrays rather than objects: half
 * the bytes to write and read, and the same text is the lines' part of the content hash.
 */
function linesJson(lines: readonly PayslipLine[]): string {
  return JSON.stringify(lines.map((l) => [l.code, l.text, l.kind, l.quantity, l.unit, l.rateOre, l.amountOre]));
}

type StoredLine = [PayslipLine['code'], PayslipLine['text'], PayslipLine['kind'], PayslipLine['quantity'], PayslipLine['unit'], PayslipLine['rateOre'], PayslipLine['amountOre']];

function parseLines(json: string): PayslipLine[] {
  return (JSON.parse(json) as StoredLine[]).map(([code, text, kind, quantity, unit, rateOre, amountOre]) => ({ code, text, kind, quantity, unit, rateOre, amountOre }));
}

/**
 * A payslip's own figures in one order: that of the payslips table's columns from
 * gross_pay_ore to ytd_tax_ore, and of the content hash (so stored hashes stay valid).
 */
function figureColumns(payslip: PayslipFigures): [number, number, number, string | null, string | null, string | null, number | null, number | null] {
  return [
    payslip.grossPayOre,
    payslip.taxOre,
    payslip.netPayOre,
    payslip.taxTable,
    payslip.vacation.daysRemaining,
    payslip.vacation.daysUsed,
    payslip.ytd.grossPayOre,
    payslip.ytd.taxOre,
  ];
}

/**
 * `newRun` says the pay run was added by this import, so none of its payslips can exist
 * yet and the look-up per payslip (50,000 of them in a large import) is skipped. Whether a
 * delivered payslip changed is not decided here: that depends on what was delivered, and
 * on the pay run and employer too (`deliveryState`).
 */
export function upsertPayslip(
  db: Db,
  payRunId: number,
  employeeId: number,
  payslip: ImportedPayslip,
  at: string,
  options: { newRun?: boolean } = {},
): UpsertResult {
  const lines = linesJson(payslip.lines);
  const hash = payslipContentHash(payslip, lines);
  const existing = options.newRun
    ? undefined
    : (cachedStatement(db, 'SELECT id, content_hash FROM payslips WHERE pay_run_id = ? AND employee_id = ?').get(payRunId, employeeId) as
        | { id: number; content_hash: string }
        | undefined);
  if (existing?.content_hash === hash) return 'unchanged';
  const figures = figureColumns(payslip);
  if (existing) {
    cachedStatement(
      db,
      `UPDATE payslips SET gross_pay_ore = ?, tax_ore = ?, net_pay_ore = ?, tax_table = ?,
         vacation_days_remaining = ?, vacation_days_used = ?, ytd_gross_pay_ore = ?, ytd_tax_ore = ?,
         lines = ?, content_hash = ?, updated_at = ?
       WHERE id = ?`,
    ).run(...figures, lines, hash, at, existing.id);
    return 'updated';
  }
  // Positional parameters: binding by name looks up every name on every row.
  cachedStatement(
    db,
    `INSERT INTO payslips (pay_run_id, employee_id, gross_pay_ore, tax_ore, net_pay_ore, tax_table, vacation_days_remaining,
       vacation_days_used, ytd_gross_pay_ore, ytd_tax_ore, lines, content_hash, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(payRunId, employeeId, ...figures, lines, hash, at, at);
  return 'added';
}

interface DeliveryColumns {
  content_hash: string;
  delivered_at: string | null;
  delivered_status: PayRunStatus | null;
  delivered_fingerprint: string | null;
  delivered_hash: string | null;
}

const deliveryRecord = (r: DeliveryColumns): DeliveryRecord => ({
  deliveredAt: r.delivered_at,
  deliveredStatus: r.delivered_status,
  deliveredFingerprint: r.delivered_fingerprint,
  deliveredHash: r.delivered_hash,
});

interface PayslipRow extends DeliveryColumns {
  id: number;
  pay_run_id: number;
  employee_id: number;
  gross_pay_ore: number;
  tax_ore: number;
  net_pay_ore: number;
  tax_table: string | null;
  vacation_days_remaining: string | null;
  vacation_days_used: string | null;
  ytd_gross_pay_ore: number | null;
  ytd_tax_ore: number | null;
  lines: string;
}

/** Loads payslips with their lines (stored in the same row). */
export function loadPayslips(db: Db, ids: readonly number[]): Map<number, Payslip> {
  const result = new Map<number, Payslip>();
  // SQLite caps bound parameters; chunk to stay well below it.
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    const marks = chunk.map(() => '?').join(',');
    const rows = cachedStatement(db, `SELECT * FROM payslips WHERE id IN (${marks})`).all(...chunk) as PayslipRow[];
    for (const r of rows) {
      result.set(r.id, {
        id: r.id,
        payRunId: r.pay_run_id,
        employeeId: r.employee_id,
        grossPayOre: r.gross_pay_ore,
        taxOre: r.tax_ore,
        netPayOre: r.net_pay_ore,
        taxTable: r.tax_table,
        vacation: { daysRemaining: r.vacation_days_remaining, daysUsed: r.vacation_days_used },
        ytd: { grossPayOre: r.ytd_gross_pay_ore, taxOre: r.ytd_tax_ore },
        lines: parseLines(r.lines),
        contentHash: r.content_hash,
        delivery: deliveryRecord(r),
      });
    }
  }
  return result;
}

/** A payslip as selection sees it: who, which run, what was delivered, what failed. */
export interface PayslipRef {
  id: number;
  payRunId: number;
  employeeId: number;
  contentHash: string;
  netPayOre: number;
  delivery: DeliveryRecord;
  /** The data it last failed with for its data's sake, and in which job; null when it did not. */
  failure: { fingerprint: string; code: string; jobId: number | null } | null;
}

/** The employees with a payslip in the given pay runs, by id: a large selection's work list. */
export function listPayslipEmployeeIds(db: Db, payRunIds: readonly number[]): number[] {
  if (payRunIds.length === 0) return [];
  return db
    .prepare(`SELECT DISTINCT employee_id FROM payslips WHERE pay_run_id IN (${payRunIds.map(() => '?').join(',')}) ORDER BY employee_id`)
    .pluck()
    .all(...payRunIds) as number[];
}

/** Payslips of the given pay runs (of these employees only, when given), with their employee ids, for selection. */
export function listPayslipRefs(db: Db, payRunIds: readonly number[], employeeIds?: readonly number[]): PayslipRef[] {
  if (payRunIds.length === 0 || employeeIds?.length === 0) return [];
  const ofEmployees = employeeIds ? ` AND employee_id IN (${employeeIds.map(() => '?').join(',')})` : '';
  const rows = db
    .prepare(
      `SELECT id, pay_run_id, employee_id, content_hash, net_pay_ore, delivered_at, delivered_status, delivered_fingerprint, delivered_hash,
         failed_fingerprint, failed_code, failed_job_id
       FROM payslips WHERE pay_run_id IN (${payRunIds.map(() => '?').join(',')})${ofEmployees} ORDER BY pay_run_id, id`,
    )
    .all(...payRunIds, ...(employeeIds ?? [])) as Array<DeliveryColumns & { id: number; pay_run_id: number; employee_id: number; net_pay_ore: number; failed_fingerprint: string | null; failed_code: string | null; failed_job_id: number | null }>;
  return rows.map((r) => ({
    id: r.id,
    payRunId: r.pay_run_id,
    employeeId: r.employee_id,
    contentHash: r.content_hash,
    netPayOre: r.net_pay_ore,
    delivery: deliveryRecord(r),
    failure: r.failed_fingerprint === null || r.failed_code === null ? null : { fingerprint: r.failed_fingerprint, code: r.failed_code, jobId: r.failed_job_id },
  }));
}

/**
 * Records a delivery as what was sent: the fingerprint and status of the document that
 * was rendered, which may be older than the payslip is now (a re-run re-posts stored
 * bytes). A later change makes it "changed since delivery".
 */
export function markPayslipDelivered(db: Db, payslipId: number, at: string, sent: { fingerprint: string; status: PayRunStatus }): void {
  // delivered_hash is what deliveries before fingerprints left; with a fingerprint it says nothing more.
  cachedStatement(
    db,
    `UPDATE payslips SET delivered_at = ?, delivered_fingerprint = ?, delivered_status = ?, delivered_hash = NULL,
       failed_fingerprint = NULL, failed_code = NULL, failed_job_id = NULL
     WHERE id = ?`,
  ).run(at, sent.fingerprint, sent.status, payslipId);
}

/** A payslip failed for its data: not tried again while the data is as `fingerprint` says. */
export function recordPayslipFailure(db: Db, payslipId: number, failure: { fingerprint: string; code: string; jobId: number }): void {
  cachedStatement(db, 'UPDATE payslips SET failed_fingerprint = ?, failed_code = ?, failed_job_id = ? WHERE id = ?').run(failure.fingerprint, failure.code, failure.jobId, payslipId);
}

/** The delivered payslips of some pay runs, with what their documents show of the employee. */
export function listDeliveredPayslips(
  db: Db,
  payRunIds: readonly number[],
): Array<{ payRunId: number; contentHash: string; delivery: DeliveryRecord; employee: { employeeNumber: string; firstName: string; lastName: string; personnummer: string | null } }> {
  if (payRunIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT p.pay_run_id, p.content_hash, p.delivered_at, p.delivered_status, p.delivered_fingerprint, p.delivered_hash,
         e.employee_number, e.first_name, e.last_name, e.personnummer
       FROM payslips p JOIN employees e ON e.id = p.employee_id
       WHERE p.delivered_at IS NOT NULL AND p.pay_run_id IN (${payRunIds.map(() => '?').join(',')})`,
    )
    .all(...payRunIds) as Array<DeliveryColumns & { pay_run_id: number; employee_number: string; first_name: string; last_name: string; personnummer: string | null }>;
  return rows.map((r) => ({
    payRunId: r.pay_run_id,
    contentHash: r.content_hash,
    delivery: deliveryRecord(r),
    employee: { employeeNumber: r.employee_number, firstName: r.first_name, lastName: r.last_name, personnummer: r.personnummer },
  }));
}
