import { companyDetailProblem, type CompanyDetailField } from '../domain/contact.js';
import { parseOrgNumber } from '../domain/orgnumber.js';
import { orgNumberProblemText } from '../i18n/data.js';
import { isTenantKey, tenantKeyDraft } from '../domain/tenant-key.js';
import type { Company, CompanySettings, ContentType, Environment, RetentionDays } from '../domain/types.js';
import { assertUnreachable } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import type { ActivateRequest } from '../workflows/activate.js';
import type { Prompter } from './prompts.js';
import { companyTitle } from '../domain/format.js';
import { companyDetailText } from './views/activation.js';

interface WizardAnswers {
  request: ActivateRequest;
  /** Credentials to remember in the owner-only credentials file, when asked to. */
  remember?: { clientId: string; clientSecret: string };
}

/**
 * The interactive `activate`: company, licence, program link, in the order Flex HRM and
 * Visma Lön show them. Every question has a flag (see `payslips activate --help`).
 */
export async function runActivateWizard(
  ask: Prompter,
  companies: Company[],
  hasCredentials: (orgNumber: string, environment: Environment) => boolean,
  /** Whether the operator may create a company: one with roles for some clients only may not. */
  mayCreate = true,
): Promise<WizardAnswers> {
  const words = t().wizard;
  let existing: Company | undefined;
  if (companies.length > 0) {
    const choice = await ask.select(words.company, {
      flag: words.flags.company,
      choices: [
        ...companies.map((c) => ({ value: c.orgNumber, name: companyTitle(c) })),
        ...(mayCreate ? [{ value: 'new', name: words.newCompany }] : []),
      ],
    });
    existing = companies.find((c) => c.orgNumber === choice);
  }

  const orgNumber =
    existing?.orgNumber ??
    validOrgNumber(
      await ask.input(words.orgNumber, {
        flag: '--org-number',
        validate: (v) => {
          const parsed = parseOrgNumber(v);
          return parsed.ok ? true : `${orgNumberProblemText(parsed.reason)}`;
        },
      }),
    );
  const name = await ask.input(words.name, { flag: '--name', default: existing?.name, validate: (v) => (v.trim() === '' ? words.required : detail('name')(v)) });
  const street = await ask.input(words.street, { flag: '--street', default: existing?.address.street ?? undefined, validate: detail('street') });
  const postalCode = await ask.input(words.postalCode, { flag: '--postal-code', default: existing?.address.postalCode ?? undefined, validate: detail('postalCode') });
  const city = await ask.input(words.city, { flag: '--city', default: existing?.address.city ?? undefined, validate: detail('city') });
  // Kivra's salaryslip carries the employer's e-mail and telephone: without them send refuses.
  const email = await ask.input(words.email, { flag: '--email', default: existing?.email ?? undefined, validate: detail('email') });
  const phone = await ask.input(words.phone, { flag: '--phone', default: existing?.phone ?? undefined, validate: detail('phone') });

  const current = existing?.settings;
  const settings: Partial<CompanySettings> = {};
  settings.licence = await ask.confirm(words.licence, { flag: '--licence on|off', default: current?.licence ?? true });
  if (settings.licence) {
    const environments = t().common.environment;
    settings.environment = await ask.select<Environment>(words.environment, {
      flag: '--environment',
      default: current?.environment ?? 'local',
      choices: (['local', 'sandbox', 'production'] as const).map((value) => ({ value, name: environments[value], description: words.environmentChoice[value] })),
    });
    // Checked as it is typed (the hint beside it), and refused on Enter with the whole rule.
    const tenantKey = await ask.input(words.tenantKey, {
      flag: '--tenant-key',
      default: current?.tenantKey ?? undefined,
      hint: tenantKeyHint,
      validate: (v) => (v.trim() === '' || isTenantKey(v.trim()) ? true : t().activate.tenantKeyForm),
    });
    settings.tenantKey = tenantKey.trim() === '' ? null : tenantKey.trim();
    settings.retentionDays = Number(
      await ask.select(words.retention, {
        flag: '--retention-days',
        default: String(current?.retentionDays ?? 390) as '0' | '30' | '390',
        choices: (['390', '30', '0'] as const).map((value) => ({ value, name: words.retentionChoice[value] })),
      }),
    ) as RetentionDays;
    settings.contentType = await ask.select<ContentType>(words.contentType, {
      flag: '--content-type',
      default: current?.contentType ?? 'salaryslip',
      choices: [
        { value: 'salaryslip', name: 'salaryslip', description: words.contentTypeChoice.salaryslip },
        { value: 'letter.salary', name: 'letter.salary', description: words.contentTypeChoice.letterSalary },
      ],
    });
    settings.sendPayslips = await ask.confirm(words.sendPayslips, { flag: '--send-payslips on|off', default: current?.sendPayslips ?? true });
    settings.printHandling = await ask.confirm(words.printHandling, { flag: '--print on|off', default: current?.printHandling ?? false });
    settings.active = await ask.confirm(words.active, { flag: '--active on|off', default: current?.active ?? true });
  }

  const answers: WizardAnswers = {
    request: {
      orgNumber,
      details: { name, street: blankToNull(street), postalCode: blankToNull(postalCode), city: blankToNull(city), email: blankToNull(email), phone: blankToNull(phone) },
      settings,
    },
  };
  const environment = settings.environment;
  if (environment && environment !== 'local' && !hasCredentials(orgNumber, environment)) {
    const remember = await ask.confirm(words.rememberCredentials(t().common.environment[environment]), {
      flag: words.flags.credentials,
      default: true,
    });
    if (remember) {
      const clientId = await ask.input(words.clientId, { flag: 'KIVRA_CLIENT_ID', validate: required });
      const clientSecret = await ask.password(words.clientSecret, { flag: 'KIVRA_CLIENT_SECRET' });
      answers.remember = { clientId: clientId.trim(), clientSecret };
    }
  }
  return answers;
}

/** What the tenant key typed so far looks like: nothing while empty. */
function tenantKeyHint(value: string): string | null {
  const draft = tenantKeyDraft(value);
  const words = t().wizard.tenantKeyDraft;
  switch (draft.state) {
    case 'empty':
      return null;
    case 'typing':
      return words.typing(draft.length);
    case 'complete':
      return words.complete;
    case 'wrong':
      return words[draft.problem];
    default:
      return assertUnreachable(draft);
  }
}

/** The same checks as the flags: blank is fine (no value), anything else must fit. */
function detail(field: CompanyDetailField): (value: string) => true | string {
  return (value) => {
    const problem = value.trim() === '' ? null : companyDetailProblem(field, value.trim());
    return problem === null ? true : t().wizard.detailProblem(companyDetailText(problem));
  };
}

function required(value: string): true | string {
  return value.trim() === '' ? t().wizard.required : true;
}

function blankToNull(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}

/** The prompt only lets a valid number through; this turns it into the normalised digits. */
function validOrgNumber(input: string): string {
  const parsed = parseOrgNumber(input);
  if (!parsed.ok) throw new Error(`the wizard accepted an invalid organisationsnummer: ${parsed.reason}`);
  return parsed.value;
}
