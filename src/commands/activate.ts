import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { defineCommand, type CommandOutcome } from './command.js';
import type { Context } from '../context.js';
import { companyDetailProblem, type CompanyDetailField } from '../domain/contact.js';
import { companyTitle } from '../domain/format.js';
import { parseOrgNumber } from '../domain/orgnumber.js';
import { sendBlockers } from '../domain/settings.js';
import { isTenantKey } from '../domain/tenant-key.js';
import { textProblem } from '../domain/text.js';
import { orgNumberProblemText, textProblemText } from '../i18n/data.js';
import type { CompanySettings, RetentionDays } from '../domain/types.js';
import { ExitCode, ExitError, RefusedError, UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { onOffText } from '../i18n/locale.js';
import { describeBlocker } from '../i18n/readiness.js';
import { assertAllowedApiUrl } from '../kivra/api-url.js';
import { credentialsPath, findCredentials, rememberCredentials } from '../store/credentials.js';
import { openDatabase, openDatabaseForReading, type Db } from '../store/database.js';
import { assertFileTarget } from '../store/owner-only-file.js';
import { runActivateWizard } from '../ui/activate-wizard.js';
import { createPrompter } from '../ui/prompts.js';
import { companyDetailText, printActivation, printActivationPreview, type ActivationOutcome } from '../ui/views/activation.js';
import { applyActivation, planActivation, plannedCompany, type ActivateRequest, type ActivationPlan } from '../workflows/activate.js';
import { assertMay, companiesOperatorMay, operatorMay, type Where } from '../workflows/access.js';
import { openSession, type Session } from '../workflows/session.js';

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
  if (!givenSettings && ctx.terminal.canPrompt && !ctx.yes) return activateInteractively(ctx);
  // Options are checked before the database is opened: a refused one writes nothing.
  const request = requestFromOptions(options);
  await assertTemplateUsable(request);
  const session = openSession(ctx, 'settings', 'some_company');
  try {
    const plan = planActivation(session.db, request, ctx.companySelector);
    assertMay(session.db, session.operator, ['settings'], activationTarget(plan));
    let apply = options.applyToEmployees ?? false;
    const applicable = applicableText(plan);
    if (applicable !== null && options.applyToEmployees === undefined) {
      // --yes answers confirmations, never this: whether every employee's own flag follows
      // the company's is a decision, and a wrong guess changes the whole register.
      if (ctx.yes || !ctx.terminal.canPrompt) {
        const words = t().activate;
        throw new RefusedError('answer_required', (ctx.yes ? words.applyNeeded : words.applyNeededNoTerminal)(applicable, plan.employeeCount), {
          suggestion: words.applyFix,
        });
      }
      apply = await createPrompter(ctx.terminal, false, ctx.signal).confirm(t().wizard.applyToEmployees(applicable, plan.employeeCount), {
        flag: '--apply-to-employees yes|no',
        default: false,
      });
    }
    const outcome = saveActivation(ctx, session, plan, apply, undefined);
    if (!ctx.json) printActivation(ctx, outcome);
    return { json: outcome };
  } finally {
    session.db.close();
  }
});

/**
 * The wizard: questions, then a summary of what will be saved and a confirmation, and only
 * then a write; after saving it offers the connection test. Until the confirmation nothing
 * is written, not even a new database or the first operator, so Ctrl+C or a "no" leaves
 * everything as it was and says so.
 */
async function activateInteractively(ctx: Context): Promise<CommandOutcome> {
  const ask = createPrompter(ctx.terminal, false, ctx.signal);
  const words = t().wizard;
  let decided: { answers: Awaited<ReturnType<typeof runActivateWizard>>; apply: boolean; save: boolean };
  try {
    decided = await withDatabaseToLookAt(ctx.dbPath, async (db) => {
      // Refused before the first question, not after the last: nothing here writes.
      assertMay(db, ctx.operator, ['settings'], 'some_company');
      const mayChange = companiesOperatorMay(db, ctx.operator, 'settings');
      const mayCreate = operatorMay(db, ctx.operator, 'settings', 'new_company');
      const answers = await runActivateWizard(ask, mayChange, (org, env) => Boolean(findCredentials(ctx.env, org, env)), mayCreate);
      await assertTemplateUsable(answers.request);
      if (answers.remember) assertFileTarget(credentialsPath(ctx.env));
      const plan = planActivation(db, answers.request, ctx.companySelector);
      assertMay(db, ctx.operator, ['settings'], activationTarget(plan));
      const applicable = applicableText(plan);
      const apply =
        applicable !== null && (await ask.confirm(words.applyToEmployees(applicable, plan.employeeCount), { flag: '--apply-to-employees yes|no', default: false }));
      printActivationPreview(ctx, {
        company: plannedCompany(plan),
        created: !plan.existing,
        changes: [...plan.detailChanges, ...plan.settingChanges],
        applyToEmployees: applicable === null ? null : { count: plan.employeeCount, apply },
        credentialsFile: answers.remember && plan.settings.environment !== 'local' ? credentialsPath(ctx.env) : null,
      });
      const save = await ask.confirm(words.confirmSave, { flag: '--yes', default: true });
      return { answers, apply, save };
    });
  } catch (error) {
    if (isPromptCancelled(error)) throw new ExitError(ExitCode.interrupted, 'interrupted', words.interruptedNothingSaved, { suggestion: words.notSavedFix });
    throw error;
  }
  if (!decided.save) throw new RefusedError('declined', words.notSaved, { suggestion: words.notSavedFix });

  const session = openSession(ctx, 'settings', 'some_company');
  let outcome: ActivationOutcome;
  try {
    const plan = planActivation(session.db, decided.answers.request, ctx.companySelector);
    assertMay(session.db, session.operator, ['settings'], activationTarget(plan));
    outcome = saveActivation(ctx, session, plan, decided.apply, decided.answers.remember);
  } finally {
    session.db.close();
  }
  printActivation(ctx, outcome, { table: false });
  if (!outcome.company.settings.licence) return { json: outcome };

  const title = companyTitle(outcome.company);
  let test: boolean;
  try {
    test = await ask.confirm(words.offerCheck, { flag: 'payslips activate --check', default: true });
  } catch (error) {
    if (isPromptCancelled(error)) throw new ExitError(ExitCode.interrupted, 'interrupted', words.interruptedAfterSave(title), { suggestion: words.checkLater });
    throw error;
  }
  if (!test) {
    ctx.terminal.info(words.checkLater);
    return { json: outcome };
  }
  const { runActivateCheck } = await import('./activate-check.js');
  await runActivateCheck(ctx, outcome.company.orgNumber);
  return { json: outcome };
}

/** Where an activation changes settings: the company it changes, or one it creates. */
function activationTarget(plan: ActivationPlan): Where {
  return plan.existing ? { company: plan.existing } : 'new_company';
}

/** Writes the plan and the credentials to remember, and says whether the company can send. */
function saveActivation(
  ctx: Context,
  session: Session,
  plan: ActivationPlan,
  apply: boolean,
  remember: { clientId: string; clientSecret: string } | undefined,
): ActivationOutcome {
  // A credentials file that cannot be written is refused before any setting changes.
  if (remember) assertFileTarget(credentialsPath(ctx.env));
  const result = applyActivation(session.db, plan, apply, session.operator, session.at);
  let credentialsFile: string | undefined;
  const environment = result.company.settings.environment;
  if (remember && environment !== 'local') {
    credentialsFile = rememberCredentials(ctx.env, result.company.orgNumber, environment, remember);
  }
  const hasCredentials = environment === 'local' || Boolean(findCredentials(ctx.env, result.company.orgNumber, environment, (text) => ctx.terminal.warn(text)));
  const blockers = sendBlockers(result.company, hasCredentials);
  return {
    company: result.company,
    created: !plan.existing,
    changes: [...plan.detailChanges, ...plan.settingChanges],
    employeesUpdated: result.employeesUpdated,
    credentialsFile: credentialsFile ?? null,
    readyToSend: blockers.length === 0,
    blockers: blockers.map(describeBlocker),
  };
}

/**
 * The database to plan against without writing: the file read-only when it exists, else an
 * empty one in memory (what a first activate starts from), so nothing is created yet.
 */
async function withDatabaseToLookAt<T>(dbPath: string, use: (db: Db) => Promise<T>): Promise<T> {
  const db = existsSync(dbPath) ? openDatabaseForReading(dbPath) : openDatabase(':memory:');
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

/** A broken template is refused now (exit 2, nothing written), not at month-end's send. */
async function assertTemplateUsable(request: ActivateRequest): Promise<void> {
  if (!request.settings.templateDir) return;
  const { loadTemplate } = await import('../render/template.js');
  await loadTemplate(request.settings.templateDir);
}

/** `send payslips on and print handling off`, or null when no employee flag follows the change. */
function applicableText(plan: ActivationPlan): string | null {
  const words = t().activate.applicable;
  const parts: string[] = [];
  if (plan.applicable.kivra !== undefined) parts.push(words.kivra(onOffText(plan.applicable.kivra)));
  if (plan.applicable.print !== undefined) parts.push(words.print(onOffText(plan.applicable.print)));
  return parts.length === 0 ? null : t().common.andList(parts);
}

/** Ctrl+C in a prompt (or the run's abort while one waits). */
function isPromptCancelled(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

function requestFromOptions(options: ActivateOptions): ActivateRequest {
  let orgNumber: string | undefined;
  if (options.orgNumber !== undefined) {
    const parsed = parseOrgNumber(options.orgNumber);
    if (!parsed.ok) throw new UsageError(t().activate.invalidOrgNumber(quoted(options.orgNumber), orgNumberProblemText(parsed.reason)), { code: 'invalid_option' });
    orgNumber = parsed.value;
  }
  const settings: Partial<CompanySettings> = {};
  if (options.licence !== undefined) settings.licence = options.licence;
  if (options.tenantKey !== undefined) {
    if (options.tenantKey !== null && !isTenantKey(options.tenantKey)) {
      throw new UsageError(t().activate.invalidTenantKey(quoted(options.tenantKey), t().activate.tenantKeyForm), { code: 'invalid_option' });
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
  if (problem) throw new UsageError(t().activate.invalidDetail(option, quoted(value ?? ''), companyDetailText(problem)), { code: 'invalid_option' });
  return value;
}

/** A value as typed, for a message: escaped, and cut short when long. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}
