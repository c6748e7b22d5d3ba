import type { ImportedCompany, ImportedEmployee, ImportedPayRunHeader, ImportedPayslip, PayrollExport } from '../domain/payroll-export.js';

/** Receives the records of a checked export, one at a time. */
export interface RecordSink {
  employee(employee: ImportedEmployee): void;
  /** `runIndex` is the run's index in `PayrollSource.payRuns`. */
  payslip(runIndex: number, payslip: ImportedPayslip): void;
}

/**
 * Receives a whole export in the order of docs/import-format.md, to write it as it is read: the company
 * (null when the export names none) before anything else, each pay run's own fields before
 * its payslips, and every employee before any payslip.
 */
export interface ExportSink extends RecordSink {
  begin(company: ImportedCompany | null): void;
  /** `runIndex` is the run's index in the export. */
  payRun(runIndex: number, run: ImportedPayRunHeader): void;
}

/**
 * A checked export that hands out its employees and payslips one by one rather than as
 * one object, so a large one can be written without being held in memory: a JSON file is
 * read again as it is written. The few, small records — company and pay runs' own fields —
 * are given up front.
 */
export interface PayrollSource {
  company: ImportedCompany | null;
  payRuns: readonly ImportedPayRunHeader[];
  /** Every employee before any payslip. May throw an ExitError if the input changed since it was checked. */
  forEachRecord(sink: RecordSink): void;
}

/** An export held in memory (a CSV directory, or a test's) as a source. */
export function sourceOfExport(data: PayrollExport): PayrollSource {
  return {
    company: data.company,
    payRuns: data.payRuns,
    forEachRecord(sink) {
      for (const employee of data.employees) sink.employee(employee);
      data.payRuns.forEach((run, runIndex) => {
        for (const payslip of run.payslips) sink.payslip(runIndex, payslip);
      });
    },
  };
}

/** The whole export in memory, for callers that want it as one object. */
export function collectExport(source: PayrollSource): PayrollExport {
  const employees: ImportedEmployee[] = [];
  const payRuns = source.payRuns.map((run) => ({ ...run, payslips: [] as ImportedPayslip[] }));
  source.forEachRecord({
    employee: (employee) => employees.push(employee),
    payslip: (runIndex, payslip) => payRuns[runIndex]?.payslips.push(payslip),
  });
  return { company: source.company, employees, payRuns };
}
