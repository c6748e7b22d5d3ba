import type { ImportedCompany, ImportedEmployee, ImportedPayRunHeader, ImportedPayslip, PayrollExport } from '../domain/payroll-export.js';
import type { Company } from '../domain/types.js';
import { sourceOfExport } from '../import/payroll-source.js';
import type { ExportSink, PayrollSource } from '../import/payroll-source.js';
import { RefusedError, UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { recordAudit } from '../store/audit.js';
import { findCompanyByOrgNumber, getCompany, insertCompany, updateCompanyDetails, type CompanyDetails } from '../store/companies.js';
import type { Db } from '../store/database.js';
import { duplicatePersonnummer, upsertImportedEmployee } from '../store/employees.js';
import { listPayRuns, upsertPayRun, upsertPayslip, type UpsertResult } from '../store/payroll.js';
import { liveSendLock } from '../store/send-lock.js';
import { collectDeliveryChanges, type DeliveryChanges } from './delivery-changes.js';
import { lockLiveness } from './lock-liveness.js';
import { orgNumberDigits } from '../domain/orgnumber.js';
import { resolveCompany } from './session.js';
import { assertMay } from './access.js';

export type Counts = Record<UpsertResult, number>;

export interface ImportSummary {
  company: { orgNumber: string; name: string; result: UpsertResult };
  employees: Counts;
  payRuns: Counts;
  payslips: Counts & { changedSinceDelivery: number };
  /** Delivered payslips of this export's pay runs that no longer are what was delivered. */
  deliveryChanges: DeliveryChanges[];
  /** Personnummer that several employees of the company have, with their employee numbers. */
  duplicatePersonnummer: Array<{ personnummer: string; employees: string[] }>;
}

const counts = (): Counts => ({ added: 0, updated: 0, unchanged: 0 });

/**
 * Writes a checked export in one transaction: it all lands or none of it does. The same
 * export imported twice changes nothing the second time.
 */
export function importPayroll(db: Db, data: PayrollExport, companySelector: string | undefined, operator: string, at: string): { company: Company; summary: ImportSummary } {
  return importPayrollFrom(db, sourceOfExport(data), companySelector, operator, at);
}

/**
 * The same, with the employees and payslips taken from the source one at a time, so a
 * large export is written without being held in memory. If the source throws (a JSON file
 * changed since it was checked), the transaction is rolled back.
 */
export function importPayrollFrom(
  db: Db,
  source: PayrollSource,
  companySelector: string | undefined,
  operator: string,
  at: string,
): { company: Company; summary: ImportSummary } {
  return db
    .transaction(() => {
      const writer = new PayrollWriter(db, companySelector, operator, at);
      writer.begin(source.company);
      // The runs' own fields are few and known up front, so payslips can go straight in as they come.
      source.payRuns.forEach((run, runIndex) => writer.payRun(runIndex, run));
      source.forEachRecord(writer);
      return writer.finish();
    })
    .immediate();
}

/**
 * Writes an export's records in the order an export gives them: the company first, then
 * employees and pay runs, each run before its payslips, every employee before any payslip.
 * Each call writes at once, so the caller holds a transaction around the whole (and rolls
 * it back if the export turns out to be refused).
 */
export class PayrollWriter implements ExportSink {
  private company: Company | null = null;
  private companyResult: UpsertResult = 'unchanged';
  private defaults = { kivra: false, print: false };
  private readonly payRuns: Array<{ id: number; isNew: boolean }> = [];
  private readonly touchedRuns = new Set<number>();
  private readonly employeeIds = new Map<string, number>();
  private readonly summary = {
    employees: counts(),
    payRuns: counts(),
    payslips: { ...counts(), changedSinceDelivery: 0 },
  };

  constructor(
    private readonly db: Db,
    private readonly companySelector: string | undefined,
    private readonly operator: string,
    private readonly at: string,
  ) {}

  /** The export's company, or null when it names none (then the selector or the only company). */
  begin(imported: ImportedCompany | null): void {
    const { company, result } = upsertCompany(this.db, imported, this.companySelector, this.at);
    assertMay(this.db, this.operator, ['sync'], result === 'added' ? 'new_company' : { company });
    // A send reads payslips while it runs; changing them under it would send one version and
    // record another. The caller's transaction is rolled back by the refusal.
    const sender = liveSendLock(this.db, company.id, lockLiveness(new Date(this.at)));
    if (sender) {
      throw new RefusedError('send_running', t().sync.sendRunning(company.name, sender.jobId ? String(sender.jobId) : null, String(sender.pid), sender.hostname), {
        suggestion: t().sync.sendRunningFix,
      });
    }
    this.company = company;
    this.companyResult = result;
    this.defaults = { kivra: company.settings.sendPayslips, print: company.settings.printHandling };
  }

  payRun(runIndex: number, run: ImportedPayRunHeader): void {
    const { id, result } = upsertPayRun(this.db, this.begun().id, run, this.at);
    this.summary.payRuns[result]++;
    this.payRuns[runIndex] = { id, isNew: result === 'added' };
    this.touchedRuns.add(id);
  }

  employee(employee: ImportedEmployee): void {
    const { id, result } = upsertImportedEmployee(this.db, this.begun().id, employee, this.defaults, this.at);
    this.employeeIds.set(employee.employeeNumber, id);
    this.summary.employees[result]++;
  }

  payslip(runIndex: number, payslip: ImportedPayslip): void {
    const employeeId = this.employeeIds.get(payslip.employeeNumber);
    const payRun = this.payRuns[runIndex];
    // The checks have already refused payslips of unknown employees; this guards the invariant.
    if (employeeId === undefined) throw new Error(`payslip for unknown employee ${payslip.employeeNumber}`);
    if (payRun === undefined) throw new Error(`payslip for unknown pay run ${runIndex}`);
    this.summary.payslips[upsertPayslip(this.db, payRun.id, employeeId, payslip, this.at, { newRun: payRun.isNew })]++;
  }

  /** Records the import in the audit trail, if it changed anything, and says what it did. */
  finish(): { company: Company; summary: ImportSummary } {
    const company = getCompany(this.db, this.begun().id);
    const runs = listPayRuns(this.db, company.id).filter((run) => this.touchedRuns.has(run.id));
    const deliveryChanges = collectDeliveryChanges(this.db, company, runs);
    this.summary.payslips.changedSinceDelivery = deliveryChanges.reduce((sum, group) => sum + group.changed, 0);
    const summary: ImportSummary = {
      company: { orgNumber: company.orgNumber, name: company.name, result: this.companyResult },
      ...this.summary,
      deliveryChanges,
      duplicatePersonnummer: [...duplicatePersonnummer(this.db, company.id)].map(([personnummer, employees]) => ({ personnummer, employees })),
    };
    const changed =
      this.companyResult !== 'unchanged' ||
      [summary.employees, summary.payRuns, summary.payslips].some((c) => c.added + c.updated > 0);
    if (changed) {
      const { company: imported, employees, payRuns, payslips } = summary;
      recordAudit(this.db, { at: this.at, operator: this.operator, companyId: company.id, action: 'sync', details: { company: imported, employees, payRuns, payslips } });
    }
    return { company, summary };
  }

  private begun(): Company {
    if (this.company === null) throw new Error('the company is written before anything else');
    return this.company;
  }
}

function upsertCompany(db: Db, imported: ImportedCompany | null, selector: string | undefined, at: string): { company: Company; result: UpsertResult } {
  if (!imported) return { company: resolveCompany(db, selector), result: 'unchanged' };
  if (selector !== undefined && orgNumberDigits(selector) !== imported.orgNumber) {
    throw new UsageError(t().sync.companyMismatch(imported.orgNumber, selector), {
      code: 'company_mismatch',
      suggestion: t().sync.companyMismatchFix,
    });
  }
  const existing = findCompanyByOrgNumber(db, imported.orgNumber);
  // Address and contact details are optional in exports; one that leaves them out keeps
  // what activate set (the address is printed on every payslip).
  const noAddress = imported.address.street === null && imported.address.postalCode === null && imported.address.city === null;
  const address = noAddress && existing ? existing.address : imported.address;
  const details: CompanyDetails = {
    name: imported.name,
    street: address.street,
    postalCode: address.postalCode,
    city: address.city,
    email: imported.email ?? existing?.email ?? null,
    phone: imported.phone ?? existing?.phone ?? null,
  };
  if (!existing) return { company: insertCompany(db, imported.orgNumber, details, at), result: 'added' };
  const same =
    existing.name === details.name &&
    existing.address.street === details.street &&
    existing.address.postalCode === details.postalCode &&
    existing.address.city === details.city &&
    existing.email === details.email &&
    existing.phone === details.phone;
  if (same) return { company: existing, result: 'unchanged' };
  updateCompanyDetails(db, existing.id, details, at);
  // Read back, so the summary names the company as the export now does.
  return { company: getCompany(db, existing.id), result: 'updated' };
}
