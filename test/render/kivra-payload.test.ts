import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LineKind, PayslipDocument, PayslipLine } from '../../src/domain/types.js';
import { buildContentPayload, KIVRA_CONTENT_LIMIT_BYTES, PayloadTooLargeError, PersonnummerRequiredError } from '../../src/render/kivra-payload.js';
import { renderPayslipPdf } from '../../src/render/payslip-pdf.js';
import { performRenderTask } from '../../src/render/render-tasks.js';
import { buildSalarySlip, EmployerDetailsMissingError } from '../../src/render/salaryslip.js';
import { loadTemplate } from '../../src/render/template.js';
import { VENDOR_DIR } from '../helpers/cli.js';
import { company, document, employee, line, longDocument, owingDocument, payslip, preliminaryDocument, sparseDocument } from './documents.js';
import { noisePng } from './png.js';

/**
 * Kivra's schema as published (the vendored file), compiled here on its own (not through the
 * app's loader), with the `{,2}` → `{0,2}` fix src/vendor/README.md explains.
 */
function compileKivraSchema() {
  const text = readFileSync(join(VENDOR_DIR, 'kivra', '_partials', 'schema-salary-slip.json'), 'utf8').replace(/\{,(\d+)\}/g, '{0,$1}');
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(draft06);
  addFormats.default(ajv, ['date', 'date-time', 'email']);
  for (const format of ['amount', 'currency-code', 'telephone-number']) ajv.addFormat(format, true);
  return ajv.compile(JSON.parse(text) as object);
}
const validate = compileKivraSchema();

function expectValid(value: unknown): void {
  const ok = validate(value);
  expect(ok ? [] : validate.errors).toEqual([]);
}

const META = { creationTimestamp: '2025-11-25T08:00:00Z', sourceSystem: 'payslips' };
const OPTIONS = { sourceSystem: 'payslips' };
const PDF = new TextEncoder().encode('%PDF-1.7\n% a stand-in: these tests are about the JSON around it\n%%EOF\n');

type Body = Record<string, any>;
const bodyOf = (doc: PayslipDocument, pdf: Uint8Array = PDF): Body => JSON.parse(buildContentPayload(doc, pdf, OPTIONS).json.toString('utf8')) as Body;

describe('the salaryslip object passes Kivra\'s schema', () => {
  test('the schema itself rejects what it should (so a pass means something)', () => {
    const good = buildSalarySlip(document(), META).salaryslip;
    expectValid(good);
    expect(validate({ ...good, pay_period: { ...good.pay_period, gross_pay: { monetary_amount: '32 000,00', currency: 'SEK' } } })).toBe(false);
    expect(validate({ ...good, extra: true })).toBe(false);
    expect(validate({ ...good, employment: { employer: { ...good.employment.employer, contact_information: { ...good.employment.employer.contact_information, telephone_number: '+46707070707' } } } })).toBe(true);
  });

  test('for a typical month, mapped from our data', () => {
    const { salaryslip, warnings } = buildSalarySlip(document(), META);
    expectValid(salaryslip);
    expect(warnings).toEqual([]);
    expect(salaryslip.employment.employer).toEqual({
      legal_name: 'Exempel Ångström & Söner AB',
      legal_identifiers: { vat_number: 'SE556677889901', org_number: '556677-8899' },
      contact_information: {
        address: { street_address: 'Storgatan 1', postal_code: '111 22', city: 'Stockholm', country: 'Sweden' },
        email_address: 'lon@exempel.se',
        telephone_number: '08-123 45 67',
      },
    });
    expect(salaryslip.pay_period).toEqual({
      start_date: '2025-11-01',
      end_date: '2025-11-30',
      payout_date: '2025-11-25',
      gross_pay: { monetary_amount: '32000.00', currency: 'SEK' },
      tax_deducted: { monetary_amount: '8450.00', currency: 'SEK' },
      net_pay: { monetary_amount: '23700.00', currency: 'SEK' },
      employee_benefits: [{ type: 'Förmån av fri kost', monetary_amount: '520.00', currency: 'SEK' }],
    });
    expect(salaryslip.tax_information).toEqual({ tax_code: { identifier: '33', schema: 'Swedish Tax Table' } });
    expect(salaryslip.holidays).toEqual({ days_used_in_period: '3', days_remaining_in_period: '22' });
    expect(salaryslip.yearly_accumulated_gross_pay).toEqual({ monetary_amount: '352000.00', currency: 'SEK' });
    expect(salaryslip.yearly_accumulated_taxes).toEqual({ monetary_amount: '92950.00', currency: 'SEK' });
  });

  test('for edge cases: missing optional data, telephone forms, negative and net lines, 60 lines, a preliminary run', () => {
    const cases: PayslipDocument[] = [
      { ...sparseDocument(), company: company() },
      preliminaryDocument(),
      longDocument(60),
      document({ company: company({ phone: '(08) 123 45 67' }) }),
      document({ company: company({ phone: '+46 (0)8 123 45 67' }) }),
      // A month of unpaid leave: the gross lines go negative, net pay is negative.
      document({
        payslip: payslip({
          grossPayOre: -50_000,
          taxOre: 0,
          netPayOre: -85_000,
          vacation: { daysRemaining: '12.5', daysUsed: '1.125' },
          lines: [
            line({ text: 'Månadslön', amountOre: 3_200_000 }),
            line({ text: 'Tjänstledighet', quantity: '-21', unit: 'dag', rateOre: 154_762, amountOre: -3_250_000 }),
            line({ text: 'Fackföreningsavgift', kind: 'net', amountOre: -35_000 }),
          ],
        }),
      }),
      // Only benefits besides the salary, several of them.
      document({
        payslip: payslip({
          netPayOre: 2_355_000,
          lines: [
            line({ text: 'Månadslön', amountOre: 3_200_000 }),
            line({ text: 'Bilförmån', kind: 'benefit', amountOre: 412_300 }),
            line({ text: 'Drivmedelsförmån', kind: 'benefit', amountOre: 98_000 }),
          ],
        }),
      }),
    ];
    for (const doc of cases) expectValid(buildSalarySlip(doc, META).salaryslip);
  });

  test('a negative net pay is sent as it is, signed, which the schema\'s amount pattern allows', () => {
    // The PDF says "Att betala till arbetsgivaren 500,00"; the structured data keeps the sign.
    const { salaryslip } = buildSalarySlip(owingDocument(), META);
    expectValid(salaryslip);
    expect(salaryslip.pay_period.net_pay).toEqual({ monetary_amount: '-500.00', currency: 'SEK' });
  });

  test('is never built with made-up employer details: each missing one is named with the option that sets it', () => {
    const missing = document({ company: company({ address: { street: 'Storgatan 1', postalCode: null, city: 'Stockholm' }, email: 'not an address', phone: null }) });
    expect(() => buildSalarySlip(missing, META)).toThrow(EmployerDetailsMissingError);
    expect(() => buildSalarySlip(missing, META)).toThrow(/postal code, e-mail address and telephone number are missing.*--postal-code.*--email.*--phone/);
    expect(() => buildContentPayload(missing, PDF, OPTIONS)).toThrow(EmployerDetailsMissingError);
    // letter.salary carries no salaryslip object, so it needs none of them.
    const letter = { ...missing, company: { ...missing.company, settings: { ...missing.company.settings, contentType: 'letter.salary' as const } } };
    expect(() => buildContentPayload(letter, PDF, OPTIONS)).not.toThrow();
  });

  test('leaves out what it cannot say truthfully, and says so', () => {
    const { salaryslip, warnings } = buildSalarySlip(
      document({ payslip: payslip({ taxTable: null, vacation: { daysRemaining: '1.125', daysUsed: null }, ytd: { grossPayOre: null, taxOre: null } }) }),
      META,
    );
    expectValid(salaryslip);
    expect(warnings.join('\n')).toMatch(/vacation days remaining "1.125"/);
    expect(salaryslip).not.toHaveProperty('tax_information');
    expect(salaryslip).not.toHaveProperty('holidays');
    expect(salaryslip).not.toHaveProperty('yearly_accumulated_gross_pay');
  });

  test('for any payslip whose figures add up (generated)', () => {
    const ore = fc.integer({ min: -5_000_000, max: 50_000_000 });
    const decimalText = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 4000 }).map((n) => String(n / 100)), fc.constantFrom('ca 3', '1.125'));
    const lineArb = fc.record({
      text: fc.string({ minLength: 1, maxLength: 60 }),
      kind: fc.constantFrom<LineKind>('gross', 'benefit', 'net'),
      amountOre: ore,
      quantity: decimalText,
    });
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        decimalText,
        fc.option(fc.string({ maxLength: 20 }), { nil: null }),
        fc.constantFrom('08-123 45 67', '+46707070707', '(046) 12 34 56', '+46 (0)8 123 45 67', '0701234567'),
        (lines, taxOre, vacation, taxTable, phone) => {
          const payslipLines: PayslipLine[] = lines.map((l) => line(l));
          const sum = (kind: LineKind): number => payslipLines.filter((l) => l.kind === kind).reduce((t, l) => t + l.amountOre, 0);
          const gross = sum('gross');
          const doc = document({
            company: company({ phone }),
            payslip: payslip({ lines: payslipLines, grossPayOre: gross, taxOre, netPayOre: gross - taxOre + sum('net'), taxTable, vacation: { daysRemaining: vacation, daysUsed: vacation } }),
          });
          expect(validate(buildSalarySlip(doc, META).salaryslip), JSON.stringify(validate.errors)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the content request', () => {
  test('has the recipient, a short subject, the type, generated_at and one PDF part that is the rendered PDF', () => {
    const body = bodyOf(document());
    expect(Object.keys(body)).toEqual(['ssn', 'subject', 'type', 'generated_at', 'retain', 'retention_time', 'parts', 'salaryslip']);
    expect(body.ssn).toBe('191212121212');
    expect(body.subject).toBe('Lönespecifikation 2025-11');
    expect(body.type).toBe('salaryslip');
    // From the pay run, not the clock: the payout date, 10:00 UTC for a final payslip.
    expect(body.generated_at).toBe('2025-11-25T10:00:00Z');
    expect(body.salaryslip.document_metadata.creation_timestamp).toBe('2025-11-25T10:00:00Z');
    expect(body.parts).toHaveLength(1);
    expect(body.parts[0]).toEqual({ name: 'lonespecifikation-2025-11.pdf', data: Buffer.from(PDF).toString('base64'), content_type: 'application/pdf' });
    expectValid(body.salaryslip);
  });

  test('the subject and the file name carry no personal data: only the kind of document and the month', () => {
    const person = employee({ employeeNumber: '4711', firstName: 'Göran', lastName: 'Lönnqvist', personnummer: '198005112381' });
    for (const doc of [document({ employee: person }), document({ employee: person, payRun: preliminaryDocument().payRun })]) {
      const body = bodyOf(doc);
      expect(body.subject).toMatch(/^(Lönespecifikation|Preliminär lönespecifikation) \d{4}-\d{2}$/);
      expect(body.parts[0].name).toMatch(/^(lonespecifikation|preliminar-lonespecifikation)-\d{4}-\d{2}\.pdf$/);
      // Kivra recommends about 30–35 characters; the preliminary one is just at the edge.
      expect(body.subject.length).toBeLessThanOrEqual(36);
      const visible = `${body.subject as string} ${body.parts[0].name as string}`;
      for (const secret of ['Göran', 'Lönnqvist', '4711', '198005112381', '8005112381', '800511', '23700']) expect(visible).not.toContain(secret);
    }
    expect(bodyOf(preliminaryDocument()).subject).toBe('Preliminär lönespecifikation 2025-12');
  });

  test.each([
    [0, {}],
    [30, { retain: true, retention_time: '30' }],
    [390, { retain: true, retention_time: '390' }],
  ] as const)('retention days %i → %o', (days, expected) => {
    const body = bodyOf(document({ company: company({ settings: { ...company().settings, retentionDays: days } }) }));
    expect({ retain: body.retain, retention_time: body.retention_time }).toEqual({ retain: undefined, retention_time: undefined, ...expected });
    expect('retain' in body).toBe(days !== 0);
  });

  test('letter.salary carries the PDF and no salaryslip object', () => {
    const body = bodyOf(document({ company: company({ settings: { ...company().settings, contentType: 'letter.salary' } }) }));
    expect(body.type).toBe('letter.salary');
    expect(body).not.toHaveProperty('salaryslip');
    expect(body.parts).toHaveLength(1);
  });

  test('a correction says so in the subject and the file name, and sorts after the payslip it replaces', () => {
    const original = bodyOf(document());
    const correction = bodyOf(document({ replaces: { deliveredAt: '2025-11-24T07:12:00Z' } }));
    expect(correction.subject).toBe('Rättad lönespecifikation 2025-11');
    expect(correction.parts[0].name).toBe('rattad-lonespecifikation-2025-11.pdf');
    expect(correction.generated_at > original.generated_at).toBe(true);
    const preliminary = bodyOf({ ...preliminaryDocument(), replaces: { deliveredAt: '2025-12-20T07:12:00Z' } });
    expect(preliminary.subject).toBe('Rättad preliminär lönespecifikation 2025-12');
    expect(preliminary.subject.length).toBeLessThanOrEqual(43);
    // Preliminary before final on the same payout date.
    expect(bodyOf(preliminaryDocument()).generated_at).toBe('2025-12-23T06:00:00Z');
  });

  test('the same payslip gives the same bytes, so a retry is recognised by Kivra\'s duplicate control', () => {
    const first = buildContentPayload(document(), PDF, OPTIONS);
    const again = buildContentPayload(document(), PDF, OPTIONS);
    expect(again.json.equals(first.json)).toBe(true);
    expect(again.sha256).toBe(first.sha256);
  });

  test('the bytes are JSON.stringify\'s of the body, UTF-8, with the PDF\'s base64 as the part\'s data (generated)', () => {
    // Names that look like the part's data in JSON, and non-ASCII, in the salaryslip after it.
    const text = fc.constantFrom('"data":""', 'Åsa "data":"" Ölund', '\\"data\\":\\"\\"', 'Lönnqvist', '😀 ö');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), text, text, (pdf, firstName, companyName) => {
        const doc = document({ employee: employee({ firstName }), company: company({ name: companyName }) });
        const { json, sha256, sizeBytes } = buildContentPayload(doc, pdf, OPTIONS);
        const body = JSON.parse(json.toString('utf8')) as Body;
        expect(json.equals(Buffer.from(JSON.stringify(body), 'utf8'))).toBe(true);
        expect(Buffer.from(body.parts[0].data as string, 'base64').equals(Buffer.from(pdf))).toBe(true);
        expect(JSON.stringify(body.salaryslip)).toContain(JSON.stringify(companyName));
        expect(sizeBytes).toBe(json.length);
        expect(sha256).toBe(createHash('sha256').update(json).digest('hex'));
      }),
      { numRuns: 200 },
    );
  });

  test('is never built without a valid personnummer', () => {
    expect(() => buildContentPayload(sparseDocument(), PDF, OPTIONS)).toThrow(PersonnummerRequiredError);
    const invalid = document({ employee: employee({ personnummer: null, personnummerProblem: 'invalid' }) });
    expect(() => buildContentPayload(invalid, PDF, OPTIONS)).toThrow(expect.objectContaining({ code: 'invalid_personnummer' }));
  });
});

describe('Kivra\'s 1 MB limit', () => {
  test('a payload over the limit is refused with a clear error; one just under it passes', () => {
    const big = new Uint8Array(760_000);
    let error: unknown;
    try {
      buildContentPayload(document(), big, OPTIONS);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).code).toBe('payload_too_large');
    expect((error as PayloadTooLargeError).sizeBytes).toBeGreaterThan(KIVRA_CONTENT_LIMIT_BYTES);
    expect((error as Error).message).toMatch(/over Kivra's limit of 1000000 bytes; it was not sent/);
    expect(buildContentPayload(document(), new Uint8Array(740_000), OPTIONS).sizeBytes).toBeLessThanOrEqual(KIVRA_CONTENT_LIMIT_BYTES);
  });

  describe('with a template whose logo makes the PDF too big', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'payslips-render-'));
      writeFileSync(join(dir, 'logo.png'), noisePng(520));
      writeFileSync(join(dir, 'template.json'), JSON.stringify({ logo: { file: 'logo.png' } }));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('the send path answers payload_too_large instead of a payload', async () => {
      const result = await performRenderTask({ kind: 'payload', doc: document(), templateDir: dir, sourceSystem: 'payslips' });
      expect(result).toMatchObject({ ok: false, code: 'payload_too_large' });
      expect(result.ok ? '' : result.message).toMatch(/Check the template logo/);
      // The PDF itself renders; it is only too big for Kivra.
      const pdf = await renderPayslipPdf(document(), await loadTemplate(dir), { variant: 'kivra' });
      expect(pdf.length).toBeGreaterThan(750_000);
    });
  });
});
