import { hostname } from 'node:os';
import { t } from '../i18n/catalogue.js';
import { localTime } from '../i18n/locale.js';
import type { LockLiveness } from '../store/send-lock.js';
import { isProcessAlive } from './process-alive.js';

/** A send lock whose heartbeat (every 15 s) is this old is taken over: its holder hangs or is gone. */
const LOCK_STALE_MS = 2 * 60_000;

/**
 * The liveness of send locks as seen from this process now: a holder on this machine lives
 * while its process does; one on another machine (a shared database file) only by its
 * heartbeat.
 */
export function lockLiveness(at: Date): LockLiveness {
  const here = hostname();
  return { at, staleAfterMs: LOCK_STALE_MS, isAlive: (holder) => holder.hostname !== here || isProcessAlive(holder.pid) };
}

/** `pid 4242 on kontoret, job 7, since 2025-11-25 09:14 CET`: who holds a send lock, in the run's words. */
export function describeLockHolder(holder: { pid: number; hostname: string; jobId: number | null; acquiredAt: string }): string {
  return t().session.lockHolder(holder.pid, holder.hostname, holder.jobId, localTime(holder.acquiredAt));
}
