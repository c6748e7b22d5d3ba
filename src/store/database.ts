import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { migrations, SCHEMA_VERSION } from './migrations.js';
import { BUSY_TIMEOUT_MS } from './sqlite-errors.js';

export type Db = Database.Database;

export const SQLITE_MAGIC = 'SQLite format 3\0';
/** Marks our files, so a foreign SQLite database is refused instead of migrated. */
export const APPLICATION_ID = 0x5053_4c50; // "PSLP"

/**
 * Opens (creating on first use) the payslips database for writing. The directory is made
 * owner-only (0700) and the file 0600, because it holds personnummer and salaries.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') prepareFile(path);
  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    throw new UsageError(t().session.database.cannotOpen(path, (error as Error).message), { code: 'database_unreadable' });
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db, path);
  } catch (error) {
    db.close();
    if (error instanceof UsageError) throw error;
    throw new UsageError(t().session.database.notUsable(path, (error as Error).message), {
      code: 'database_corrupt',
      suggestion: t().session.database.notUsableFix,
    });
  }
  return db;
}

/**
 * Opens an existing database to read. It never creates one (a mistyped --db is exit 2,
 * not a new empty database) and never takes the write lock: in WAL mode it reads the last
 * committed state while a sync or a send writes. A database of an older schema is first
 * upgraded through a write connection, once, as any command would.
 */
export function openDatabaseForReading(path: string): Db {
  if (!existsSync(path)) {
    throw new UsageError(t().session.database.missing(path), {
      code: 'database_missing',
      suggestion: t().session.database.missingFix,
    });
  }
  assertLooksLikeSqlite(path);
  let db = openReadOnly(path);
  if ((db.pragma('user_version', { simple: true }) as number) < SCHEMA_VERSION) {
    db.close();
    openDatabase(path).close();
    db = openReadOnly(path);
  }
  return db;
}

function openReadOnly(path: string): Db {
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new UsageError(t().session.database.cannotOpen(path, (error as Error).message), { code: 'database_unreadable' });
  }
  try {
    // Only a checkpoint or WAL recovery by another connection makes a reader wait, briefly.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    checkIdentity(db, path);
  } catch (error) {
    db.close();
    if (error instanceof UsageError) throw error;
    throw new UsageError(t().session.database.notUsable(path, (error as Error).message), { code: 'database_corrupt' });
  }
  return db;
}

function prepareFile(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (existsSync(path)) {
    assertLooksLikeSqlite(path);
  } else {
    closeSync(openSync(path, 'a', 0o600));
  }
  chmodSync(path, 0o600);
}

function assertLooksLikeSqlite(path: string): void {
  const fd = openSync(path, 'r');
  const header = Buffer.alloc(16);
  const read = readSync(fd, header, 0, 16, 0);
  closeSync(fd);
  // An empty file is a database that was created and never written; SQLite accepts it.
  if (read === 0) return;
  if (header.toString('latin1', 0, read) !== SQLITE_MAGIC) {
    throw new UsageError(t().session.database.notSqlite(path), {
      code: 'database_foreign',
      suggestion: t().session.database.foreignFix,
    });
  }
}

/** A payslips database of a schema this version knows; its version. */
function checkIdentity(db: Db, path: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const hasTables = (db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n > 0;
  if (hasTables && applicationId !== APPLICATION_ID) {
    throw new UsageError(t().session.database.foreign(path), {
      code: 'database_foreign',
      suggestion: t().session.database.foreignFix,
    });
  }
  if (version > SCHEMA_VERSION) {
    throw new UsageError(t().session.database.tooNew(path, version, SCHEMA_VERSION), {
      code: 'database_too_new',
      suggestion: t().session.database.tooNewFix,
    });
  }
  return version;
}

function migrate(db: Db, path: string): void {
  const version = checkIdentity(db, path);
  if (version === SCHEMA_VERSION) return;
  const upgrade = db.transaction(() => {
    for (let v = version; v < SCHEMA_VERSION; v++) db.exec(migrations[v]!);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  upgrade.immediate();
}
