import { z } from 'zod';
import { defineCommand } from './command.js';
import Database from 'better-sqlite3';
import { mayDo, type Grant } from '../domain/roles.js';
import { ExitCode, RefusedError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { credentialsDirectory, credentialsPath } from '../store/credentials.js';
import { grantsInAnySchema } from '../store/operators.js';
import { printDoctor } from '../ui/views/doctor.js';
import { runDoctor } from '../workflows/doctor.js';
import { lockLiveness } from '../workflows/lock-liveness.js';

const doctorOptionsSchema = z.object({ fix: z.boolean().optional() });

export const command = defineCommand(doctorOptionsSchema, async (ctx, options) => {
  const fix = Boolean(options.fix);
  if (fix) assertMayFix(ctx.dbPath, ctx.operator);
  const report = runDoctor(ctx.dbPath, {
    fix,
    now: ctx.now(),
    operator: ctx.operator,
    liveness: lockLiveness(ctx.now()),
    credentials: { path: credentialsPath(ctx.env), directory: credentialsDirectory(ctx.env) },
    showPersonnummer: ctx.showPersonnummer,
  });
  if (!ctx.json) printDoctor(ctx, report);
  return { json: report, exitCode: report.healthy ? ExitCode.ok : ExitCode.jobFailures };
});

/**
 * `--fix` changes send state (the locks of every company), so it needs the send right for
 * every company. Looking is allowed to anyone who can read the file: the doctor must work
 * when nothing else does.
 */
function assertMayFix(dbPath: string, operator: string): void {
  let access: { operators: number; grants: Grant[] };
  try {
    // Read straight from the file: openDatabase would create or migrate it.
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      access = grantsInAnySchema(db, operator);
    } finally {
      db.close();
    }
  } catch {
    // A missing, foreign or damaged file: the doctor reports it and fixes nothing in it.
    return;
  }
  if (access.operators === 0) return;
  if (!mayDo(access.grants, 'send', 'every_company')) {
    throw new RefusedError('permission_denied', t().doctor.mayNotFix(operator), { suggestion: t().doctor.mayNotFixFix });
  }
}
