import type { Context } from '../context.js';
import type { Company } from '../domain/types.js';
import { ExitError, InterruptedError } from '../errors.js';
import type { Db } from '../store/database.js';
import { listEmployees, listKivraPersonnummer, recordMailboxes } from '../store/employees.js';
import { connectKivra, type KivraConnection } from './kivra-connection.js';
import { kivraRunError } from './kivra-failure.js';

export interface MailboxMatch {
  checked: number;
  withMailbox: number;
  checkedAt: string;
}

/**
 * Asks Kivra which of the company's Kivra-flagged employees with a valid personnummer can
 * receive now (`usermatch/ssn`, batched by the client) and stores yes/no with the time.
 */
export async function matchMailboxes(ctx: Context, db: Db, company: Company, connection?: KivraConnection, only?: ReadonlySet<string>): Promise<MailboxMatch & { answers: Map<string, boolean> }> {
  return match(ctx, db, company, connection, only, undefined);
}

/**
 * sync's mailbox check, after an import that is already written: either done, or why not
 * (the error that stopped it) and which employees it would have asked have no answer from
 * an earlier check either. Ctrl+C stops waiting for Kivra at once and stores nothing; the
 * send's own check (matchMailboxes) instead lets an answer in flight arrive.
 */
export type MailboxCheck = { done: true; match: MailboxMatch } | { done: false; error: ExitError; unanswered: string[] };

export async function checkMailboxes(ctx: Context, db: Db, company: Company): Promise<MailboxCheck> {
  try {
    const { answers: _answers, ...found } = await match(ctx, db, company, undefined, undefined, ctx.signal);
    return { done: true, match: found };
  } catch (error) {
    if (!(error instanceof ExitError)) throw error;
    const unanswered = listEmployees(db, company.id, { kivra: true })
      .filter((employee) => employee.personnummer !== null && employee.mailbox === null)
      .map((employee) => employee.employeeNumber);
    return { done: false, error, unanswered };
  }
}

async function match(
  ctx: Context,
  db: Db,
  company: Company,
  connection: KivraConnection | undefined,
  only: ReadonlySet<string> | undefined,
  stop: AbortSignal | undefined,
): Promise<MailboxMatch & { answers: Map<string, boolean> }> {
  const flagged = listKivraPersonnummer(db, company.id);
  const ssns = only ? flagged.filter((p) => only.has(p)) : flagged;
  const answers = new Map<string, boolean>();
  const checkedAt = ctx.now().toISOString();
  if (ssns.length === 0) return { checked: 0, withMailbox: 0, checkedAt, answers };
  // Interrupted already (during the import before it): Kivra is not even asked.
  if (stop?.aborted) throw interruptOf(stop);
  const kivra = connection ?? (await unlessStopped(connectKivra(ctx, company), stop));
  try {
    const asked = kivra.client.matchUsers(kivra.tenantKey, [...new Set(ssns)]).catch((error: unknown) => {
      throw kivraRunError(error, 'usermatch', kivra.tenantKey);
    });
    const reachable = await unlessStopped(asked, stop);
    for (const ssn of ssns) answers.set(ssn, reachable.has(ssn));
  } finally {
    if (!connection) await kivra.close();
  }
  recordMailboxes(db, company.id, [...answers].map(([personnummer, hasMailbox]) => ({ personnummer, hasMailbox })), checkedAt);
  return { checked: answers.size, withMailbox: [...answers.values()].filter(Boolean).length, checkedAt, answers };
}

/**
 * `work`, unless `stop` is aborted first: then it rejects with the interrupt at once, and
 * whatever `work` ends in later is let go (an answer that arrives is not stored).
 */
function unlessStopped<T>(work: Promise<T>, stop: AbortSignal | undefined): Promise<T> {
  if (stop === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(interruptOf(stop));
    if (stop.aborted) onAbort();
    else stop.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        stop.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        stop.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The interrupt as cli.ts raised it (Ctrl+C: exit 130). */
function interruptOf(stop: AbortSignal): ExitError {
  return stop.reason instanceof ExitError ? stop.reason : new InterruptedError();
}
