import { resolve } from 'node:path';
import { z } from 'zod';
import { defineCommand } from './command.js';
import { companyDetailProblem, type CompanyDetailField } from '../domain/contact.js';
import { parseOrgNumber } from '../domain/orgnumber.js';
import { sendBlockers } from '../domain/settings.js';
import { describeBlocker } from '../i18n/readiness.js';
import { isTenantKey, TENANT_KEY_FORM } from '../domain/tenant-key.js';
import { textProblem } from '../domain/text.js';
import { orgNumberProblemText, textProblemText } from '../i18n/data.js';
import type { CompanySettings, RetentionDays } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { assertAllowedApiUrl } from '../kivra/api-url.js';
import { credentialsPath, findCredentials, rememberCredentials } from '../store/credentials.js';
import { assertFileTarget } from '../store/owner-only-file.js';
import { listCompanies } from '../store/companies.js';
import { runActivateWizard } from '../ui/activate-wizard.js';
import { createPrompter } from '../ui/prompts.js';
import { printActivation, type ActivationOutcome } from '../ui/views/activation.js';
import { applyActivation, planActivation, type ActivateRequest } from '../workflows/activate.js';
import { openSession } from '../workflows/session.js';

const onOff = z.enum(['on', 'off']).transform((v) => v === 'on');
/** As the import: no control or invisible formatting character, and the same caps (domain/text.ts). */
const plainText = (maxLength: number) =>
  z.string().superRefine((value, ctx) => {
    const problem = textProblem(value, maxLength);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: textProblemText(problem) });
  });
const optionalDetail = z
  .string()
  .transform((v) => v.trim())
  .transform((v) => (v === '' ? null : v))
  .optional();
const optionalText = (maxLength: number) =>
  plainText(maxLength)
    .transform((v) => v.trim())
    .transform((v) => (v === '' ? null : v))
    .optional();

const activateOptionsSchema = z.object({
  orgNumber: z.string().optional(),
  // Name, address and contact details are checked by checkedDetail, naming the option.
  name: z.string().trim().min(1, 'must not be empty').optional(),
  street: optionalDetail,
  postalCode: optionalDetail,
  city: optionalDetail,
  email: optionalDetail,
  phone: optionalDetail,
  licence: onOff.optional(),
  // Its form is checked below (domain/tenant-key.ts); the cap only bounds what is quoted back.
  tenantKey: optionalText(100),
  environment: z.enum(['production', 'sandbox', 'local']).optional(),
  apiUrl: z.string().optional(),
  retentionDays: z.enum(['0', '30', '390']).transform((v) => Number(v) as RetentionDays).optional(),
  sendPayslips: onOff.optional(),
  print: onOff.optional(),
  active: onOff.optional(),
  contentType: z.enum(['salaryslip', 'letter.salary']).optional(),
  templateDir: z.string().optional(),
  applyToEmployees: z.enum(['yes', 'no']).transform((v) => v === 'yes').optional(),
  check: z.boolean().optional(),
});
type ActivateOptions = z.infer<typeof activateOptionsSchema>;

const SETTING_OPTIONS = [
  'orgNumber', 'name', 'street', 'postalCode', 'city', 'email', 'phone', 'licence', 'tenantKey', 'environment',
  'apiUrl', 'retentionDays', 'sendPayslips', 'print', 'active', 'contentType', 'templateDir',
] as const;

export const command = defineCommand(activateOptionsSchema, async (ctx, options) => {
  if (options.check) {
    const { runActivateCheck } = await import('./activate-check.js');
    return runActivateCheck(ctx);
  }

  const givenSettings = SETTING_OPTIONS.some((key) => options[key] !== undefined);
  const wizard = !givenSettings && ctx.terminal.canPrompt && !ctx.yes;
  // Options are checked before the database is opened: a refused one writes nothing.
  const fromOptions = wizard ? undefined : requestFromOptions(options);
  const session = openSession(ctx, 'settings');
  try {
    const ask = createPrompter(ctx.terminal, ctx.yes, ctx.signal);
    let request: ActivateRequest;
    let remember: { clientId: string; clientSecret: string } | undefined;
    if (fromOptions === undefined) {
      const answers = await runActivateWizard(ask, listCompanies(session.db), (org, env) => Boolean(findCredentials(ctx.env, org, env)));
      request = answers.request;
      remember = answers.remember;
    } else {
      request = fromOptions;
    }
    if (request.settings.templateDir) {
      // Refuse a broken template now (exit 2, nothing written), not at month-end's send.
      const { loadTemplate } = await import('../render/template.js');
      await loadTemplate(request.settings.templateDir);
    }

    // A credentials file that cannot be written is refused before any setting changes.
    if (remember) assertFileTarget(credentialsPath(ctx.env));
    const plan = planActivation(session.db, request, ctx.companySelector);
    let apply = options.applyToEmployees ?? false;
    const applicable = Object.entries(plan.applicable).map(([flag, value]) => `${flag} ${value ? 'on' : 'off'}`);
    if (applicable.length > 0 && options.applyToEmployees === undefined) {
      apply = await ask.confirm(`Apply ${applicable.join(' and ')} to all ${plan.employeeCount} employees in the register?`, {
        flag: '--apply-to-employees yes|no',
        default: false,
      });
    }
    const result = applyActivation(session.db, plan, apply, session.operator, session.at);
    let credentialsFile: string | undefined;
    const environment = result.company.settings.environment;
    if (remember && environment !== 'local') {
      credentialsFile = rememberCredentials(ctx.env, result.company.orgNumber, environment, remember);
    }
    const hasCredentials = environment === 'local' || Boolean(findCredentials(ctx.env, result.company.orgNumber, environment, (text) => ctx.terminal.warn(text)));
    const blockers = sendBlockers(result.company, hasCredentials);
    const outcome: ActivationOutcome = {
      company: result.company,
      created: !plan.existing,
      changes: [...plan.detailChanges, ...plan.settingChanges],
      employeesUpdated: result.employeesUpdated,
      credentialsFile: credentialsFile ?? null,
      readyToSend: blockers.length === 0,
      blockers: blockers.map(describeBlocker),
    };
    if (!ctx.json) printActivation(ctx, outcome);
    return { json: outcome };
  } finally {
    session.db.close();
  }
});

function requestFromOptions(options: ActivateOptions): ActivateRequest {
  let orgNumber: string | undefined;
  if (options.orgNumber !== undefined) {
    const parsed = parseOrgNumber(options.orgNumber);
    if (!parsed.ok) {
      throw new UsageError(`--org-number: "${options.orgNumber}" is ${orgNumberProblemText(parsed.reason)}.`, { code: 'invalid_option' });
    }
    orgNumber = parsed.value;
  }
  const settings: Partial<CompanySettings> = {};
  if (options.licence !== undefined) settings.licence = options.licence;
  if (options.tenantKey !== undefined) {
    if (options.tenantKey !== null && !isTenantKey(options.tenantKey)) {
      throw new UsageError(`--tenant-key: ${quoted(options.tenantKey)} is refused: ${TENANT_KEY_FORM}.`, { code: 'invalid_option' });
    }
    settings.tenantKey = options.tenantKey;
  }
  if (options.environment !== undefined) settings.environment = options.environment;
  if (options.apiUrl !== undefined) settings.apiUrl = options.apiUrl === 'default' || options.apiUrl === '' ? null : assertAllowedApiUrl(options.apiUrl);
  if (options.retentionDays !== undefined) settings.retentionDays = options.retentionDays;
  if (options.sendPayslips !== undefined) settings.sendPayslips = options.sendPayslips;
  if (options.print !== undefined) settings.printHandling = options.print;
  if (options.active !== undefined) settings.active = options.active;
  if (options.contentType !== undefined) settings.contentType = options.contentType;
  // Stored absolute: send and preview run from wherever cron or the operator happens to be.
  if (options.templateDir !== undefined) settings.templateDir = options.templateDir === 'default' || options.templateDir === '' ? null : resolve(options.templateDir);
  const details: ActivateRequest['details'] = {};
  if (options.name !== undefined) details.name = checkedDetail('--name', 'name', options.name);
  if (options.street !== undefined) details.street = checkedDetail('--street', 'street', options.street);
  if (options.postalCode !== undefined) details.postalCode = checkedDetail('--postal-code', 'postalCode', options.postalCode);
  if (options.city !== undefined) details.city = checkedDetail('--city', 'city', options.city);
  if (options.email !== undefined) details.email = checkedDetail('--email', 'email', options.email);
  if (options.phone !== undefined) details.phone = checkedDetail('--phone', 'phone', options.phone);
  return { orgNumber, details, settings };
}

/** A company detail as given, refused (exit 2) when too long or not of its kind; null clears it. */
function checkedDetail<T extends string | null>(option: string, field: CompanyDetailField, value: T): T {
  const problem = value === null ? null : companyDetailProblem(field, value);
  if (problem) throw new UsageError(`${option}: ${quoted(value ?? '')} ${problem}.`, { code: 'invalid_option' });
  return value;
}

/** A value as typed, for a message: escaped, and cut short when long. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}
