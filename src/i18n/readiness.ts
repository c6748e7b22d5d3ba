/**
 * The words for a company's send blockers and missing employer details: the domain says
 * which (domain/settings.ts, domain/employer-details.ts), this says it in the run's language.
 */
import { EMPLOYER_DETAIL_OPTIONS, type EmployerDetail } from '../domain/employer-details.js';
import type { Blocker } from '../domain/settings.js';
import { t } from './catalogue.js';

/** `the employer's e-mail address and telephone number` */
export function employerDetailsText(details: readonly EmployerDetail[]): string {
  const words = t();
  return words.readiness.employerDetails(words.common.andList(details.map((d) => words.readiness.detail[d])));
}

/** The command that adds them, with a placeholder for each value. */
export function employerDetailsFix(details: readonly EmployerDetail[]): string {
  const names = t().readiness.detail;
  return t().readiness.detailsFix(details.map((d) => `${EMPLOYER_DETAIL_OPTIONS[d]} <${names[d]}>`).join(' '));
}

export function blockerMessage(blocker: Blocker): string {
  const words = t().readiness;
  switch (blocker.code) {
    case 'credentials_missing':
      return words.blocker.credentials_missing(t().common.environment[blocker.environment]);
    case 'employer_details_missing':
      return words.detailsMissing(employerDetailsText(blocker.missing), blocker.missing.length);
    default:
      return words.blocker[blocker.code];
  }
}

export function blockerFix(blocker: Blocker): string {
  return blocker.code === 'employer_details_missing' ? employerDetailsFix(blocker.missing) : t().readiness.fix[blocker.code];
}

/** A blocker as `--json` and the activation summary give it: code, message and fix. */
export function describeBlocker(blocker: Blocker): { code: Blocker['code']; message: string; fix: string } {
  return { code: blocker.code, message: blockerMessage(blocker), fix: blockerFix(blocker) };
}
