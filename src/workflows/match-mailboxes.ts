import type { Context } from '../context.js';
import type { Company } from '../domain/types.js';
import type { Db } from '../store/database.js';
import { listKivraPersonnummer, recordMailboxes } from '../store/employees.js';
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
  const flagged = listKivraPersonnummer(db, company.id);
  const ssns = only ? flagged.filter((p) => only.has(p)) : flagged;
  const answers = new Map<string, boolean>();
  const checkedAt = ctx.now().toISOString();
  if (ssns.length === 0) return { checked: 0, withMailbox: 0, checkedAt, answers };
  const kivra = connection ?? (await connectKivra(ctx, company));
  try {
    const reachable = await kivra.client.matchUsers(kivra.tenantKey, [...new Set(ssns)]).catch((error: unknown) => {
      throw kivraRunError(error, 'usermatch', kivra.tenantKey);
    });
    for (const ssn of ssns) answers.set(ssn, reachable.has(ssn));
  } finally {
    if (!connection) await kivra.close();
  }
  recordMailboxes(db, company.id, [...answers].map(([personnummer, hasMailbox]) => ({ personnummer, hasMailbox })), checkedAt);
  return { checked: answers.size, withMailbox: [...answers.values()].filter(Boolean).length, checkedAt, answers };
}
