import { existsSync } from 'node:fs';
import type { Context } from '../context.js';
import type { Company } from '../domain/types.js';
import { ExitError, UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { count } from '../i18n/locale.js';
import type { ParseExportOptions } from '../import/parse-export.js';
import type { ExportSink } from '../import/payroll-source.js';
import { formatImportProblem } from '../import/problems.js';
import { checkCsvExport, checkJsonExport, exportKind, type JsonCheckResult, type PayrollCheckResult } from '../import/read-payroll-export.js';
import type { ImportFormat, ImportProblem, ImportWarning } from '../import/types.js';
import { importPayrollFrom, PayrollWriter, type ImportSummary } from './import-payroll.js';
import { localToday } from './selection.js';
import { openSession, type Session } from './session.js';

interface ExportImported {
  /** Still open, for what the command does next (the mailbox check). */
  session: Session;
  format: ImportFormat;
  company: Company;
  summary: ImportSummary;
  warnings: ImportWarning[];
}

/**
 * Imports the payroll export at `from` (docs/import-format.md). An export with any problem is refused
 * (exit 2) with every problem named, and nothing is written.
 *
 * A JSON file going into an existing database is read once: written as it is checked, in
 * one transaction, rolled back if the export is refused. Reading a file of 50,000
 * payslips twice cost a third of the import. Otherwise the export is checked whole before
 * the database is opened: a CSV directory (held in memory anyway), a first import (a
 * refused one leaves no database behind), and a file whose order one pass cannot write
 * (pay runs before employees, say), which is then read a second time to be written.
 */
export async function importExport(ctx: Context, from: string): Promise<ExportImported> {
  const options: ParseExportOptions = { referenceDate: localToday(ctx.now()) };
  const kind = await exportKind(from);
  if (typeof kind !== 'string') throw refused(from, [kind]);

  let read: PayrollCheckResult;
  let session: Session | null = null;
  try {
    if (kind === 'json' && existsSync(ctx.dbPath)) {
      session = openSession(ctx, 'sync');
      const once = importJsonOnce(session, from, options, ctx.companySelector);
      if ('summary' in once) return { session, format: 'json', ...once };
      read = once;
    } else {
      read = kind === 'json' ? checkJsonExport(from, options) : await checkCsvExport(from, options);
    }
    if (!read.ok) throw refused(from, read.problems);
    session ??= openSession(ctx, 'sync');
    const { company, summary } = importPayrollFrom(session.db, read.source, ctx.companySelector, session.operator, session.at);
    return { session, format: read.format, company, summary, warnings: read.warnings };
  } catch (error) {
    session?.db.close();
    throw error;
  }
}

/** Undoes the one-pass transaction, keeping what the reading found. */
class Undo {
  constructor(readonly read: JsonCheckResult) {}
}

/**
 * Checks and writes the JSON export in one read. Returns what was imported, or the check's
 * result when nothing was kept: refused, or to be written from a second read.
 */
function importJsonOnce(
  session: Session,
  path: string,
  options: ParseExportOptions,
  selector: string | undefined,
): { company: Company; summary: ImportSummary; warnings: ImportWarning[] } | JsonCheckResult {
  const writer = new PayrollWriter(session.db, selector, session.operator, session.at);
  // A refusal while writing (the export names another company than --company) waits until
  // the whole file is read: problems in the file come first, as when it is checked first.
  let refusal: ExitError | null = null;
  const guarded = <A extends unknown[]>(write: (...args: A) => void) =>
    (...args: A): void => {
      if (refusal !== null) return;
      try {
        write(...args);
      } catch (error) {
        if (!(error instanceof ExitError)) throw error;
        refusal = error;
      }
    };
  const sink: ExportSink = {
    begin: guarded((company) => writer.begin(company)),
    payRun: guarded((runIndex, run) => writer.payRun(runIndex, run)),
    employee: guarded((employee) => writer.employee(employee)),
    payslip: guarded((runIndex, payslip) => writer.payslip(runIndex, payslip)),
  };
  try {
    return session.db
      .transaction(() => {
        const read = checkJsonExport(path, { ...options, writeAsRead: sink });
        if (!read.ok || !read.writtenAsRead) throw new Undo(read);
        if (refusal !== null) throw refusal;
        return { ...writer.finish(), warnings: read.warnings };
      })
      .immediate();
  } catch (error) {
    if (error instanceof Undo) return error.read;
    throw error;
  }
}

function refused(from: string, problems: ImportProblem[]): UsageError {
  return new UsageError(t().sync.refused(from, problems.length, count(problems.length)), {
    code: 'invalid_import',
    details: problems.map(formatImportProblem),
  });
}
