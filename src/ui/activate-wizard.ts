import { companyDetailProblem, type CompanyDetailField } from '../domain/contact.js';
import { parseOrgNumber } from '../domain/orgnumber.js';
import { orgNumberProblemText } from '../i18n/data.js';
import { isTenantKey, TENANT_KEY_FORM } from '../domain/tenant-key.js';
import type { Company, CompanySettings, ContentType, Environment, RetentionDays } from '../domain/types.js';
import type { ActivateRequest } from '../workflows/activate.js';
import type { Prompter } from './prompts.js';

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
): Promise<WizardAnswers> {
  let existing: Company | undefined;
  if (companies.length > 0) {
    const choice = await ask.select('Company', {
      flag: '--company <orgnr> or --org-number <orgnr>',
      choices: [
        ...companies.map((c) => ({ value: c.orgNumber, name: `${c.name} (${c.orgNumber})` })),
        { value: 'new', name: 'A new company…' },
      ],
    });
    existing = companies.find((c) => c.orgNumber === choice);
  }

  const orgNumber =
    existing?.orgNumber ??
    validOrgNumber(
      await ask.input('Organisationsnummer', {
        flag: '--org-number',
        validate: (v) => {
          const parsed = parseOrgNumber(v);
          return parsed.ok ? true : `${orgNumberProblemText(parsed.reason)}`;
        },
      }),
    );
  const name = await ask.input('Company name', { flag: '--name', default: existing?.name, validate: (v) => (v.trim() === '' ? 'Required' : detail('name')(v)) });
  const street = await ask.input('Street address', { flag: '--street', default: existing?.address.street ?? undefined, validate: detail('street') });
  const postalCode = await ask.input('Postal code', { flag: '--postal-code', default: existing?.address.postalCode ?? undefined, validate: detail('postalCode') });
  const city = await ask.input('City', { flag: '--city', default: existing?.address.city ?? undefined, validate: detail('city') });
  // Kivra's salaryslip carries the employer's e-mail and telephone: without them send refuses.
  const email = await ask.input('E-mail for questions about pay (shown to employees; blank for none)', {
    flag: '--email',
    default: existing?.email ?? undefined,
    validate: detail('email'),
  });
  const phone = await ask.input('Telephone (blank for none)', { flag: '--phone', default: existing?.phone ?? undefined, validate: detail('phone') });

  const current = existing?.settings;
  const settings: Partial<CompanySettings> = {};
  settings.licence = await ask.confirm('Licence "Lönespecifikationer till Kivra" on?', { flag: '--licence on|off', default: current?.licence ?? true });
  if (settings.licence) {
    settings.environment = await ask.select<Environment>('Kivra environment', {
      flag: '--environment',
      default: current?.environment ?? 'local',
      choices: [
        { value: 'local', name: 'local', description: 'the built-in Kivra emulator; works offline, sends nothing' },
        { value: 'sandbox', name: 'sandbox', description: "Kivra's test environment" },
        { value: 'production', name: 'production', description: 'real Kivra mailboxes' },
      ],
    });
    const tenantKey = await ask.input('Tenant key (avsändaridentitet; blank for none)', {
      flag: '--tenant-key',
      default: current?.tenantKey ?? undefined,
      validate: (v) => (v.trim() === '' || isTenantKey(v.trim()) ? true : TENANT_KEY_FORM),
    });
    settings.tenantKey = tenantKey.trim() === '' ? null : tenantKey.trim();
    settings.retentionDays = Number(
      await ask.select('Retroactive delivery (retain) for employees without a mailbox yet', {
        flag: '--retention-days',
        default: String(current?.retentionDays ?? 390) as '0' | '30' | '390',
        choices: [
          { value: '390', name: '390 days' },
          { value: '30', name: '30 days' },
          { value: '0', name: 'no retain' },
        ],
      }),
    ) as RetentionDays;
    settings.contentType = await ask.select<ContentType>('Content type', {
      flag: '--content-type',
      default: current?.contentType ?? 'salaryslip',
      choices: [
        { value: 'salaryslip', name: 'salaryslip', description: 'PDF plus structured data (recommended)' },
        { value: 'letter.salary', name: 'letter.salary', description: 'PDF only; deprecated by Kivra from 2026-10-01' },
      ],
    });
    settings.sendPayslips = await ask.confirm('Send payslips to Kivra?', { flag: '--send-payslips on|off', default: current?.sendPayslips ?? true });
    settings.printHandling = await ask.confirm('Print handling for employees without a mailbox?', { flag: '--print on|off', default: current?.printHandling ?? false });
    settings.active = await ask.confirm('Activate the program link now?', { flag: '--active on|off', default: current?.active ?? true });
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
    const remember = await ask.confirm(`No Kivra credentials for ${environment} are set. Enter them now and remember them in an owner-only file?`, {
      flag: 'KIVRA_CLIENT_ID and KIVRA_CLIENT_SECRET',
      default: true,
    });
    if (remember) {
      const clientId = await ask.input('Kivra client id', { flag: 'KIVRA_CLIENT_ID', validate: required });
      const clientSecret = await ask.password('Kivra client secret', { flag: 'KIVRA_CLIENT_SECRET' });
      answers.remember = { clientId: clientId.trim(), clientSecret };
    }
  }
  return answers;
}

/** The same checks as the flags: blank is fine (no value), anything else must fit. */
function detail(field: CompanyDetailField): (value: string) => true | string {
  return (value) => {
    const problem = value.trim() === '' ? null : companyDetailProblem(field, value.trim());
    return problem === null ? true : `This ${problem}.`;
  };
}

function required(value: string): true | string {
  return value.trim() === '' ? 'Required' : true;
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
