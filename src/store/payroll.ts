import { hash as digest } from 'node:crypto';
import type { ImportedPayRunHeader, ImportedPayslip } from '../import/types.js';
import type { PayRun, Payslip, PayslipFigures, PayslipLine } from '../domain/types.js';
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
 * yet and the look-up per payslip (50,000 of them in a large import) is skipped.
 */
export function upsertPayslip(
  db: Db,
  payRunId: number,
  employeeId: number,
  payslip: ImportedPayslip,
  at: string,
  options: { newRun?: boolean } = {},
): { result: UpsertResult; changedAfterDelivery: boolean } {
  const lines = linesJson(payslip.lines);
  const hash = payslipContentHash(payslip, lines);
  const existing = options.newRun
    ? undefined
    : (cachedStatement(db, 'SELECT id, content_hash, delivered_at, delivered_hash FROM payslips WHERE pay_run_id = ? AND employee_id = ?').get(payRunId, employeeId) as
        | { id: number; content_hash: string; delivered_at: string | null; delivered_hash: string | null }
        | undefined);
  if (existing?.content_hash === hash) return { result: 'unchanged', changedAfterDelivery: false };
  // A correction that is put back to what was delivered leaves nothing to resend.
  const changedAfterDelivery = Boolean(existing?.delivered_at) && existing?.delivered_hash !== hash;
  const figures = figureColumns(payslip);
  let id: number;
  if (existing) {
    id = existing.id;
    cachedStatement(
      db,
      `UPDATE payslips SET gross_pay_ore = ?, tax_ore = ?, net_pay_ore = ?, tax_table = ?,
         vacation_days_remaining = ?, vacation_days_used = ?, ytd_gross_pay_ore = ?, ytd_tax_ore = ?,
         lines = ?, content_hash = ?, changed_since_delivery = ?, updated_at = ?
       WHERE id = ?`,
    ).run(...figures, lines, hash, changedAfterDelivery ? 1 : 0, at, id);
  } else {
    // Positional parameters: binding by name looks up every name on every row.
    id = Number(
      cachedStatement(
        db,
        `INSERT INTO payslips (pay_run_id, employee_id, gross_pay_ore, tax_ore, net_pay_ore, tax_table, vacation_days_remaining,
           vacation_days_used, ytd_gross_pay_ore, ytd_tax_ore, lines, content_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(payRunId, employeeId, ...figures, lines, hash, at, at).lastInsertRowid,
    );
  }
  return { result: existing ? 'updated' : 'added', changedAfterDelivery };
}

interface PayslipRow {
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
  delivered_at: string | null;
  changed_since_delivery: number;
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
        deliveredAt: r.delivered_at,
        changedSinceDelivery: r.changed_since_delivery === 1,
      });
    }
  }
  return result;
}

/** Payslips of the given pay runs, with their employee ids, for selection. */
export function listPayslipRefs(db: Db, payRunIds: readonly number[]): Array<{ id: number; payRunId: number; employeeId: number; deliveredAt: string | null; changedSinceDelivery: boolean }> {
  if (payRunIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT id, pay_run_id, employee_id, delivered_at, changed_since_delivery FROM payslips
       WHERE pay_run_id IN (${payRunIds.map(() => '?').join(',')}) ORDER BY pay_run_id, id`,
    )
    .all(...payRunIds) as Array<{ id: number; pay_run_id: number; employee_id: number; delivered_at: string | null; changed_since_delivery: number }>;
  return rows.map((r) => ({ id: r.id, payRunId: r.pay_run_id, employeeId: r.employee_id, deliveredAt: r.delivered_at, changedSinceDelivery: r.changed_since_delivery === 1 }));
}

export function markPayslipDelivered(db: Db, payslipId: number, at: string): void {
  cachedStatement(db, 'UPDATE payslips SET delivered_at = ?, delivered_hash = content_hash, changed_since_delivery = 0 WHERE id = ?').run(at, payslipId);
}
