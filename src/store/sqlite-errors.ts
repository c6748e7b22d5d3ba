import { RefusedError, UsageError, type ExitError } from '../errors.js';
import { t } from '../i18n/catalogue.js';

/*
 * SQLite's waiting and its errors that are not bugs. Free of better-sqlite3 itself: cli.ts
 * loads this module on every run, --help included.
 */

/**
 * How long a command waits for another one's write to finish. An import holds the
 * database for its whole read (about 7 s for 50,000 payslips on a 2-core machine); a send
 * or a flag change started meanwhile waits for it rather than fail.
 */
export const BUSY_TIMEOUT_MS = 30_000;

/**
 * SQLite errors that are the database file's state, not a bug, as the error the user
 * sees. Either way the transaction they happened in was rolled back.
 */
export function sqliteExitError(error: unknown): ExitError | undefined {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  // Damage in a page no earlier query touched surfaces mid-command.
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
    return new UsageError(t().session.database.damaged(error.message), {
      code: 'database_corrupt',
      suggestion: t().session.database.damagedFix,
    });
  }
  if (/^SQLITE_BUSY/.test(code)) {
    return new RefusedError('database_busy', t().session.database.busy(BUSY_TIMEOUT_MS / 1000), {
      suggestion: t().session.database.busyFix,
    });
  }
  return undefined;
}
