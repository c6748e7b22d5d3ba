/**
 * Sample payslips for the render tests. Figures add up the way docs/import-format.md requires: gross lines
 * sum to gross pay, and gross − tax + net lines = net pay.
 */
import type { Company, Employee, PayRun, Payslip, PayslipDocument, PayslipLine } from '../../src/domain/types.js';

export function company(overrides: Partial<Company> = {}): Company {
  return {
    id: 1,
    orgNumber: '5566778899',
    name: 'Exempel Ångström & Söner AB',
    address: { street: 'Storgatan 1', postalCode: '111 22', city: 'Stockholm' },
    email: 'lon@exempel.se',
    phone: '08-123 45 67',
    settings: {
      licence: true,
      tenantKey: 'tenant-key',
      environment: 'local',
      apiUrl: null,
      retentionDays: 390,
      sendPayslips: true,
      printHandling: true,
      active: true,
      contentType: 'salaryslip',
      templateDir: null,
    },
    ...overrides,
  };
}

export function employee(overrides: Partial<Employee> = {}): Employee {
  return {
    id: 7,
    companyId: 1,
    employeeNumber: '1001',
    personnummer: '191212121212',
    personnummerInput: '19121212-1212',
    personnummerProblem: null,
    personnummerReason: null,
    firstName: 'Åsa-Märta',
    lastName: 'Öberg Hélène',
    address: { street: 'Lillgatan 2', postalCode: '222 33', city: 'Lund' },
    email: 'asa@example.se',
    employmentEnd: null,
    kivra: true,
    print: true,
    flagsSetInRegister: false,
    mailbox: true,
    mailboxCheckedAt: '2025-11-20T08:00:00Z',
    ...overrides,
  };
}

export function payRun(overrides: Partial<PayRun> = {}): PayRun {
  return {
    id: 3,
    companyId: 1,
    key: '2025-11',
    payoutDate: '2025-11-25',
    periodStart: '2025-11-01',
    periodEnd: '2025-11-30',
    status: 'final',
    ...overrides,
  };
}

export function line(overrides: Partial<PayslipLine> & Pick<PayslipLine, 'text' | 'amountOre'>): PayslipLine {
  return { code: null, kind: 'gross', quantity: null, unit: null, rateOre: null, ...overrides };
}

/** A typical month: salary, overtime, an absence deduction, a benefit and a net deduction. */
export function standardLines(): PayslipLine[] {
  return [
    line({ code: '100', text: 'Månadslön', amountOre: 3_200_000 }),
    line({ code: '310', text: 'Övertid enkel', quantity: '8.5', unit: 'tim', rateOre: 29_500, amountOre: 250_750 }),
    line({ code: '410', text: 'Sjukavdrag dag 2–14', quantity: '2', unit: 'dag', rateOre: -125_375, amountOre: -250_750 }),
    line({ code: '500', text: 'Förmån av fri kost', kind: 'benefit', quantity: '4', unit: 'st', rateOre: 13_000, amountOre: 52_000 }),
    line({ code: '700', text: 'Friskvårdsbidrag – utlägg', kind: 'net', amountOre: 50_000 }),
    line({ code: '710', text: 'Fackföreningsavgift', kind: 'net', amountOre: -35_000 }),
  ];
}

export function payslip(overrides: Partial<Payslip> = {}): Payslip {
  return {
    id: 11,
    payRunId: 3,
    employeeId: 7,
    grossPayOre: 3_200_000,
    taxOre: 845_000,
    netPayOre: 2_370_000,
    taxTable: '33',
    vacation: { daysRemaining: '22', daysUsed: '3' },
    ytd: { grossPayOre: 35_200_000, taxOre: 9_295_000 },
    lines: standardLines(),
    contentHash: 'f'.repeat(64),
    delivery: { deliveredAt: null, deliveredStatus: null, deliveredFingerprint: null, deliveredHash: null },
    ...overrides,
  };
}

export function document(overrides: Partial<PayslipDocument> = {}): PayslipDocument {
  return { company: company(), employee: employee(), payRun: payRun(), payslip: payslip(), ...overrides };
}

/** 60 lines: enough to need a second (and third) page. */
export function longDocument(count = 60): PayslipDocument {
  const lines: PayslipLine[] = [];
  for (let index = 1; index <= count; index += 1) {
    lines.push(line({ code: String(100 + index), text: `Tillägg rad ${index} – ob-ersättning`, quantity: '1', unit: 'st', rateOre: 10_000, amountOre: 10_000 }));
  }
  const gross = count * 10_000;
  return document({
    payslip: payslip({ lines, grossPayOre: gross, taxOre: 180_000, netPayOre: gross - 180_000 }),
  });
}

export function preliminaryDocument(): PayslipDocument {
  return document({
    payRun: payRun({ key: '2025-12', status: 'preliminary', payoutDate: '2025-12-23', periodStart: '2025-12-01', periodEnd: '2025-12-31' }),
  });
}

/** No vacation, no year-to-date figures, no tax table, no personnummer, a negative net pay line. */
export function sparseDocument(): PayslipDocument {
  return document({
    employee: employee({ personnummer: null, personnummerInput: null, personnummerProblem: 'missing', firstName: 'Zoë', lastName: 'Ek' }),
    company: company({ email: null, phone: null }),
    payslip: payslip({
      grossPayOre: 1_500_000,
      taxOre: 300_000,
      netPayOre: 1_184_950,
      taxTable: null,
      vacation: { daysRemaining: null, daysUsed: null },
      ytd: { grossPayOre: null, taxOre: null },
      lines: [
        line({ code: '100', text: 'Timlön', quantity: '100', unit: 'tim', rateOre: 15_000, amountOre: 1_500_000 }),
        line({ code: '720', text: 'Löneförskott återbetalning', kind: 'net', amountOre: -15_050 }),
      ],
    }),
  });
}

/** A short month after an advance: the net pay is negative, 500,00 owed to the employer. */
export function owingDocument(): PayslipDocument {
  return document({
    payslip: payslip({
      grossPayOre: 100_000,
      taxOre: 0,
      netPayOre: -50_000,
      lines: [
        line({ code: '100', text: 'Timlön', quantity: '5', unit: 'tim', rateOre: 20_000, amountOre: 100_000 }),
        line({ code: '720', text: 'Löneförskott återbetalning', kind: 'net', amountOre: -150_000 }),
      ],
    }),
  });
}
