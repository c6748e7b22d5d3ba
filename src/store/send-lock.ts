import type { Db } from './database.js';

interface LockHolder {
  jobId: number | null;
  pid: number;
  hostname: string;
  acquiredAt: string;
  heartbeatAt: string;
}

/** How a holder's life is judged: the one rule `send`, `sync`, `log` and `doctor` share. */
export interface LockLiveness {
  at: Date;
  staleAfterMs: number;
  isAlive: (holder: LockHolder) => boolean;
}

/** A lock whose holder has not renewed its heartbeat in time, or is dead, is not held. */
export function isLockHeld(holder: LockHolder, liveness: LockLiveness): boolean {
  const fresh = liveness.at.getTime() - Date.parse(holder.heartbeatAt) < liveness.staleAfterMs;
  return fresh && liveness.isAlive(holder);
}

/** The live holder of the company's send lock, if a send is running now. */
export function liveSendLock(db: Db, companyId: number, liveness: LockLiveness): LockHolder | undefined {
  const holder = readSendLock(db, companyId);
  return holder && isLockHeld(holder, liveness) ? holder : undefined;
}

/**
 * One send per company at a time. The lock is a row, taken in an IMMEDIATE transaction so
 * two processes cannot both see it free. A holder that is dead (`isAlive` says so) or has
 * not renewed its heartbeat within `staleAfterMs` no longer holds it: a crashed process
 * never blocks the company for good.
 */
export function acquireSendLock(
  db: Db,
  companyId: number,
  me: LockLiveness & { pid: number; hostname: string },
): { acquired: true; tookOverFrom: LockHolder | null } | { acquired: false; holder: LockHolder } {
  return db
    .transaction(() => {
      const row = db.prepare('SELECT job_id, pid, hostname, acquired_at, heartbeat_at FROM send_locks WHERE company_id = ?').get(companyId) as
        | { job_id: number | null; pid: number; hostname: string; acquired_at: string; heartbeat_at: string }
        | undefined;
      const holder: LockHolder | null = row
        ? { jobId: row.job_id, pid: row.pid, hostname: row.hostname, acquiredAt: row.acquired_at, heartbeatAt: row.heartbeat_at }
        : null;
      if (holder && isLockHeld(holder, me)) return { acquired: false as const, holder };
      const at = me.at.toISOString();
      db.prepare(
        `INSERT INTO send_locks (company_id, job_id, pid, hostname, acquired_at, heartbeat_at) VALUES (?, NULL, ?, ?, ?, ?)
         ON CONFLICT (company_id) DO UPDATE SET job_id = NULL, pid = excluded.pid, hostname = excluded.hostname,
           acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`,
      ).run(companyId, me.pid, me.hostname, at, at);
      return { acquired: true as const, tookOverFrom: holder };
    })
    .immediate();
}

export function setLockJob(db: Db, companyId: number, pid: number, jobId: number): void {
  db.prepare('UPDATE send_locks SET job_id = ? WHERE company_id = ? AND pid = ?').run(jobId, companyId, pid);
}

export function heartbeatSendLock(db: Db, companyId: number, pid: number, at: Date): void {
  db.prepare('UPDATE send_locks SET heartbeat_at = ? WHERE company_id = ? AND pid = ?').run(at.toISOString(), companyId, pid);
}

export function releaseSendLock(db: Db, companyId: number, pid: number): void {
  db.prepare('DELETE FROM send_locks WHERE company_id = ? AND pid = ?').run(companyId, pid);
}

function readSendLock(db: Db, companyId: number): LockHolder | undefined {
  const row = db.prepare('SELECT job_id, pid, hostname, acquired_at, heartbeat_at FROM send_locks WHERE company_id = ?').get(companyId) as
    | { job_id: number | null; pid: number; hostname: string; acquired_at: string; heartbeat_at: string }
    | undefined;
  return row && { jobId: row.job_id, pid: row.pid, hostname: row.hostname, acquiredAt: row.acquired_at, heartbeatAt: row.heartbeat_at };
}
