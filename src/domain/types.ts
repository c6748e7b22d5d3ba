import type { DeliveryRecord } from './delivery.js';
import type { PersonnummerFailure } from './personnummer.js';

/**
 * The shapes every layer shares. Money is integer öre (`Ore`), dates are ISO `YYYY-MM-DD`
 * strings, personnummer are 12 digits once valid.
 */

/** Integer öre (1 krona = 100 öre). Never a float. */
export type Ore = number;
/** `YYYY-MM-DD`. */
export type IsoDate = string;

export type Environment = 'production' | 'sandbox' | 'local';

export type ContentType = 'salaryslip' | 'letter.salary';

/** 0 = no retain; Kivra accepts only 30 and 390. */
export type RetentionDays = 0 | 30 | 390;

export const PAY_RUN_STATUSES = ['preliminary', 'final'] as const;
export type PayRunStatus = (typeof PAY_RUN_STATUSES)[number];

export const LINE_KINDS = ['gross', 'benefit', 'net'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export interface Address {
  street: string | null;
  postalCode: string | null;
  city: string | null;
}

export interface CompanySettings {
  licence: boolean;
  tenantKey: string | null;
  environment: Environment;
  apiUrl: string | null;
  retentionDays: RetentionDays;
  sendPayslips: boolean;
  printHandling: boolean;
  active: boolean;
  contentType: ContentType;
  /** A company's own template directory (logo, colours, labels), else the default template. */
  templateDir: string | null;
}

export interface Company {
  id: number;
  /** 10 digits, no dash. */
  orgNumber: string;
  name: string;
  address: Address;
  email: string | null;
  phone: string | null;
  settings: CompanySettings;
}

export type PersonnummerProblem = 'missing' | 'invalid';

export interface Employee {
  id: number;
  companyId: number;
  employeeNumber: string;
  /** 12 digits when valid, else null (see `personnummerProblem`). */
  personnummer: string | null;
  /** As the export gave it. */
  personnummerInput: string | null;
  personnummerProblem: PersonnummerProblem | null;
  /** Why the entered personnummer is not valid, when it is not. */
  personnummerReason: PersonnummerFailure | null;
  firstName: string;
  lastName: string;
  address: Address;
  email: string | null;
  employmentEnd: IsoDate | null;
  kivra: boolean;
  print: boolean;
  /** Flags were changed in the register; a re-import leaves them alone. */
  flagsSetInRegister: boolean;
  /** Has a Kivra mailbox: true/false, or null when never asked. */
  mailbox: boolean | null;
  mailboxCheckedAt: string | null;
}

export interface PayRun {
  id: number;
  companyId: number;
  /** The export's own id for the run, e.g. `2025-11`. */
  key: string;
  payoutDate: IsoDate;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  status: PayRunStatus;
}

export interface PayslipLine {
  code: string | null;
  text: string;
  kind: LineKind;
  /** Decimal text, e.g. `8.5`; not money. */
  quantity: string | null;
  unit: string | null;
  rateOre: Ore | null;
  amountOre: Ore;
}

/** What a payslip says, as imported and as stored: the figures and the lines. */
export interface PayslipFigures {
  grossPayOre: Ore;
  taxOre: Ore;
  netPayOre: Ore;
  taxTable: string | null;
  /** Canonical decimal text (`22`, `2.5`), exact like money but not money. */
  vacation: { daysRemaining: string | null; daysUsed: string | null };
  ytd: { grossPayOre: Ore | null; taxOre: Ore | null };
  /** In export order. */
  lines: PayslipLine[];
}

export interface Payslip extends PayslipFigures {
  id: number;
  payRunId: number;
  employeeId: number;
  /** The figures' and lines' hash, as stored (`payslipContentHash`). */
  contentHash: string;
  /** What was delivered of it last, if anything. */
  delivery: DeliveryRecord;
}

/** Everything needed to render and send one payslip. */
export interface PayslipDocument {
  company: Company;
  employee: Employee;
  payRun: PayRun;
  payslip: Payslip;
  /** A correction: it replaces the document delivered then (ISO date-time). */
  replaces?: { deliveredAt: string } | null;
}
