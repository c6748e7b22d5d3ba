import { AbortedError, RefusedError, assertUnreachable, type ExitError } from '../errors.js';
import { KivraApiError } from '../kivra/api-error.js';
import { TOKEN_ENDPOINT } from '../kivra/client.js';
import { t } from '../i18n/catalogue.js';

/**
 * What every failed Kivra call means for the command that made it: the one mapping from
 * the client's `KivraApiError` (any status, any code, any endpoint) to an outcome the
 * user is told about. docs/month-end.md "When Kivra says no" is the same table in prose;
 * keep the two together.
 *
 * - `payslip`: only a content send; Kivra refused that one payslip (its code is logged)
 *   and the job goes on with the next.
 * - `run`: the command stops with this error: exit 4 when something the user must
 *   change is wrong (a tenant key Kivra does not know, credentials without the
 *   permission), exit 5 when Kivra is away, rejects the credentials, or answers in a
 *   way payslips cannot act on. What was done so far is kept either way (the command
 *   says so).
 */

/** The client call that failed; a failure to get a token can surface through any of them. */
export type KivraCall = 'tenant' | 'usermatch' | 'content';

export type KivraVerdict =
  | { scope: 'payslip'; errorCode: string; errorMessage: string }
  | { scope: 'run'; error: ExitError };

// Content answers about the payslip posted, not about the run: 400 (its JSON, SSN, files
// or salaryslip object), 401 other than a refused token (40105 no mailbox, 40110 no print
// integration), 409, 413 (over Kivra's size limit) and 422 (42221: retain not allowed).
// Anything else would fail every payslip the same way, so it stops the job instead.
const ABOUT_THE_PAYSLIP = new Set([400, 401, 409, 413, 422]);
// "Invalid scope" and "Forbidden": the token is good but may not do this.
const FORBIDDEN_CODES = new Set(['40003', '40300']);

export function judgeKivraFailure(error: KivraApiError, call: KivraCall, tenantKey: string): KivraVerdict {
  const viaToken = error.endpoint === TOKEN_ENDPOINT;
  switch (error.kind) {
    case 'unreachable':
      return run(unreachable(t().kivra.unreachable, error));
    case 'unknown_outcome':
      return run(unreachable(t().kivra.noAnswer, error));
    case 'transient':
      // A content send Kivra kept turning away (429, 5xx) fails that payslip, and the next
      // send of the selection tries it again. Without a token, or for a read, the run stops.
      if (call === 'content' && !viaToken) return payslip(error);
      return run(unreachable(t().kivra.unavailable, error));
    case 'auth':
      if (!viaToken && isForbidden(error)) return run(forbidden(error, call, tenantKey));
      return run(
        new AbortedError('kivra_auth', t().kivra.credentialsRejected(error.message), {
          suggestion: t().kivra.credentialsRejectedFix,
          cause: error,
        }),
      );
    case 'permanent':
      if (viaToken) return run(unexpected(error));
      if (error.status === 404) return run(tenantNotFound(error, tenantKey));
      if (isForbidden(error)) return run(forbidden(error, call, tenantKey));
      if (call === 'content' && error.status !== null && ABOUT_THE_PAYSLIP.has(error.status)) return payslip(error);
      return run(unexpected(error));
    default:
      return assertUnreachable(error.kind);
  }
}

/**
 * For calls where any failure stops the command (tenant read, mailbox check): the
 * `ExitError` to throw. Anything that is not a Kivra answer (a bug, Ctrl+C) is returned
 * as it is, to be rethrown.
 */
export function kivraRunError(error: unknown, call: Exclude<KivraCall, 'content'>, tenantKey: string): unknown {
  if (!(error instanceof KivraApiError)) return error;
  const verdict = judgeKivraFailure(error, call, tenantKey);
  return verdict.scope === 'run' ? verdict.error : unexpected(error);
}

function isForbidden(error: KivraApiError): boolean {
  return error.status === 403 || FORBIDDEN_CODES.has(error.code);
}

function run(error: ExitError): KivraVerdict {
  return { scope: 'run', error };
}

function payslip(error: KivraApiError): KivraVerdict {
  return { scope: 'payslip', errorCode: error.code, errorMessage: error.longMessage || error.shortMessage };
}

function tenantNotFound(error: KivraApiError, tenantKey: string): ExitError {
  return new RefusedError('kivra_tenant_not_found', t().kivra.tenantNotFound(tenantKey, error.message), {
    suggestion: t().kivra.tenantNotFoundFix,
  });
}

function forbidden(error: KivraApiError, call: KivraCall, tenantKey: string): ExitError {
  return new RefusedError('kivra_forbidden', t().kivra.forbidden(t().kivra.doing[call], tenantKey, error.message), {
    suggestion: t().kivra.forbiddenFix,
  });
}

/** `headline` says what happened in the run's language, with Kivra's answer (or the network's) quoted. */
function unreachable(headline: (answer: string) => string, error: KivraApiError): ExitError {
  return new AbortedError('kivra_unreachable', headline(error.message), {
    suggestion: t().kivra.unreachableFix,
    cause: error,
  });
}

function unexpected(error: KivraApiError): ExitError {
  return new AbortedError('kivra_unexpected_answer', t().kivra.unexpected(error.message), {
    suggestion: t().kivra.unexpectedFix,
    cause: error,
  });
}
