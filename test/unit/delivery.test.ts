import { describe, expect, test } from 'vitest';
import { deliveryState, documentFingerprint, failureFingerprint, type DocumentParts } from '../../src/domain/delivery.js';
import { finalStands } from '../../src/domain/selection.js';

const parts: DocumentParts = {
  contentHash: 'a'.repeat(64),
  payRun: { key: '2025-11', payoutDate: '2025-11-25', periodStart: '2025-11-01', periodEnd: '2025-11-30', status: 'final' },
  company: { orgNumber: '5566778899', name: 'Ekbacken AB', address: { street: 'Kvarngatan 14', postalCode: '222 21', city: 'Lund' }, email: 'lon@ekbacken.example', phone: '046-12 34 56' },
  employee: { employeeNumber: '1001', firstName: 'Åsa', lastName: 'Ekström', personnummer: '198005112381' },
};
const print = documentFingerprint(parts);

describe('documentFingerprint: anything the payslip shows changes it', () => {
  test.each<[string, DocumentParts]>([
    ['the figures', { ...parts, contentHash: 'b'.repeat(64) }],
    ['the status', { ...parts, payRun: { ...parts.payRun, status: 'preliminary' } }],
    ['the payout date', { ...parts, payRun: { ...parts.payRun, payoutDate: '2025-11-26' } }],
    ['the period', { ...parts, payRun: { ...parts.payRun, periodEnd: '2025-11-29' } }],
    ["the employer's name", { ...parts, company: { ...parts.company, name: 'Ekbacken Bygg AB' } }],
    ["the employer's phone", { ...parts, company: { ...parts.company, phone: '046-12 34 57' } }],
    ["the employer's address", { ...parts, company: { ...parts.company, address: { ...parts.company.address, city: 'Malmö' } } }],
    ["the employee's name", { ...parts, employee: { ...parts.employee, lastName: 'Ekström-Berg' } }],
    ['the personnummer', { ...parts, employee: { ...parts.employee, personnummer: '198005112390' } }],
  ])('%s', (_what, changed) => {
    expect(documentFingerprint(changed)).not.toBe(print);
  });

  test('the same parts give the same fingerprint', () => {
    expect(documentFingerprint(structuredClone(parts))).toBe(print);
  });
});

describe('deliveryState', () => {
  const now = { status: 'final' as const, fingerprint: print, contentHash: parts.contentHash };
  const at = '2025-11-24T07:00:00Z';

  test('nothing delivered', () => {
    expect(deliveryState({ deliveredAt: null, deliveredStatus: null, deliveredFingerprint: null, deliveredHash: null }, now)).toEqual({ kind: 'not_delivered' });
  });

  test('the document as it is now was delivered', () => {
    expect(deliveryState({ deliveredAt: at, deliveredStatus: 'final', deliveredFingerprint: print, deliveredHash: null }, now)).toEqual({ kind: 'delivered', deliveredAt: at });
  });

  test('another document was delivered: changed since delivery', () => {
    expect(deliveryState({ deliveredAt: at, deliveredStatus: 'final', deliveredFingerprint: 'x', deliveredHash: null }, now)).toEqual({ kind: 'changed', deliveredAt: at });
  });

  test('the preliminary version was delivered and the run is final now: the final is not sent, even with identical figures', () => {
    const preliminary = documentFingerprint({ ...parts, payRun: { ...parts.payRun, status: 'preliminary' } });
    expect(deliveryState({ deliveredAt: at, deliveredStatus: 'preliminary', deliveredFingerprint: preliminary, deliveredHash: null }, now)).toEqual({ kind: 'final_after_preliminary', deliveredAt: at });
  });

  test('a delivery recorded before fingerprints compares the figures it knows', () => {
    const legacy = { deliveredAt: at, deliveredStatus: 'final' as const, deliveredFingerprint: null };
    expect(deliveryState({ ...legacy, deliveredHash: parts.contentHash }, now).kind).toBe('delivered');
    expect(deliveryState({ ...legacy, deliveredHash: 'b'.repeat(64) }, now).kind).toBe('changed');
  });
});

test('failureFingerprint changes when the entered personnummer, its problem or the document does', () => {
  const employee = { personnummerInput: '19820305-2398', personnummerProblem: 'invalid' as const };
  const base = failureFingerprint(print, employee, false);
  expect(failureFingerprint(print, { ...employee }, false)).toBe(base);
  expect(failureFingerprint(print, { ...employee, personnummerInput: '19820305-2399' }, false)).not.toBe(base);
  expect(failureFingerprint('other', employee, false)).not.toBe(base);
  expect(failureFingerprint(print, employee, true)).not.toBe(base);
});

test('--status any: the final payslip stands, the preliminary one of the same employee is left out', () => {
  const status = (run: number) => (run === 1 ? 'preliminary' : 'final');
  const payslips = [
    { id: 1, employeeId: 10, payRunId: 1 },
    { id: 2, employeeId: 10, payRunId: 2 },
    { id: 3, employeeId: 11, payRunId: 1 },
  ];
  expect(finalStands(payslips, status).map((p) => p.id)).toEqual([2, 3]);
});
