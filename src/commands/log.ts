import { resolve } from 'node:path';
import { z } from 'zod';
import { defineCommand } from './command.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { count } from '../i18n/locale.js';
import { listAudit, recordAudit } from '../store/audit.js';
import { openDatabase } from '../store/database.js';
import { listCompanies } from '../store/companies.js';
import { writeOwnerOnlyFile } from '../store/owner-only-file.js';
import { auditJson, printAudit } from '../ui/views/audit.js';
import { jobDetailJson, jobJson, printJob, printJobs } from '../ui/views/jobs.js';
import { readableCompanies } from '../workflows/company-overview.js';
import { collectJob, collectJobs, collectJobsOfCompanies, jobCsv } from '../workflows/job-log.js';
import { openSession, resolveCompany } from '../workflows/session.js';

const logOptionsSchema = z.object({
  audit: z.boolean().optional(),
  limit: z.coerce.number().int().positive().max(100_000),
  csv: z.union([z.boolean(), z.string()]).optional(),
  excel: z.boolean().optional(),
  allCompanies: z.boolean().optional(),
});

export const command = defineCommand(logOptionsSchema, async (ctx, options, args) => {
  const words = t().log;
  const jobArg = args[0];
  const jobId = jobArg === undefined ? undefined : Number(jobArg);
  if (jobId !== undefined && (!Number.isInteger(jobId) || jobId <= 0)) throw new UsageError(words.notAJobId(jobArg!), { code: 'invalid_option' });
  if ((options.csv !== undefined || options.excel) && jobId === undefined) throw new UsageError(words.csvNeedsJob, { code: 'invalid_option' });
  if (options.audit && jobId !== undefined) throw new UsageError(words.auditWithJob, { code: 'invalid_option' });
  if (options.allCompanies && jobId !== undefined) throw new UsageError(words.allCompaniesWithJob, { code: 'invalid_option' });

  const session = openSession(ctx, 'read');
  try {
    if (options.audit) {
      // The audit trail also holds entries without a company (operators and their roles).
      // One company named (or the only one): its entries; otherwise those of every company
      // this operator may read. The entries without a company only to one who may read
      // every company, since roles name the clients of the bureau.
      const companies = listCompanies(session.db).length;
      const named = !options.allCompanies && (ctx.companySelector || companies === 1);
      const company = named ? resolveCompany(session.db, ctx.companySelector) : undefined;
      const readable = readableCompanies(session);
      const shown = company ? [company] : readable;
      const entries = listAudit(session.db, {
        companyIds: shown.length === companies ? null : shown.map((c) => c.id),
        general: readable.length === companies,
        limit: options.limit,
      });
      if (!ctx.json) printAudit(ctx, entries);
      return { json: { audit: entries.map(auditJson) } };
    }
    if (options.allCompanies) {
      const jobs = collectJobsOfCompanies(session.db, readableCompanies(session), options.limit);
      if (!ctx.json) printJobs(ctx, jobs, { companies: true });
      return { json: { jobs: jobs.map(jobJson) } };
    }
    const company = resolveCompany(session.db, ctx.companySelector);
    if (jobId === undefined) {
      const jobs = collectJobs(session.db, company, options.limit);
      if (!ctx.json) printJobs(ctx, jobs);
      return { json: { jobs: jobs.map(jobJson) } };
    }
    const job = collectJob(session.db, company, jobId);
    if (options.csv !== undefined || options.excel) {
      const csv = jobCsv(job, options.excel ? 'excel' : 'plain');
      const target = typeof options.csv === 'string' && options.csv !== '-' ? resolve(options.csv) : undefined;
      if (target) {
        writeOwnerOnlyFile(target, csv);
        // So that payslips doctor can find the file later and check who may read it. The path
        // and the job only: what is in the file is in the database already. The one write of
        // a reading command, once the file is written: it may wait for a writer, as a write must.
        const writer = openDatabase(ctx.dbPath);
        try {
          recordAudit(writer, { at: session.at, operator: session.operator, companyId: company.id, action: 'log.csv', details: { job: job.id, path: target } });
        } finally {
          writer.close();
        }
        ctx.terminal.success(words.wroteCsv(String(job.id), t().common.payslips(job.items.length, count(job.items.length)), target));
        return { json: { jobId: job.id, file: target, rows: job.items.length } };
      }
      // The CSV is the result: it owns stdout, so --json does not wrap it.
      ctx.terminal.stdout(csv);
      return { json: undefined, raw: true };
    }
    if (!ctx.json) printJob(ctx, job);
    return { json: { job: jobDetailJson(job) } };
  } finally {
    session.db.close();
  }
});
