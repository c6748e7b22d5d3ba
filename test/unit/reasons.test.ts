import { afterEach, describe, expect, test } from 'vitest';
import { useLanguage } from '../../src/i18n/catalogue.js';
import { failureMessage, storedErrorText, storedRerouteMessage, type StoredError } from '../../src/i18n/reasons.js';
import { KivraApiError } from '../../src/kivra/api-error.js';
import { judgeKivraFailure } from '../../src/workflows/kivra-failure.js';

afterEach(() => useLanguage('en'));

const row = (over: Partial<StoredError>): StoredError => ({ reason: 'has_mailbox', errorCode: null, errorMessage: null, personnummerInput: null, personnummerReason: null, ...over });

describe('a payslip reason in the run language', () => {
  test('an invalid personnummer is quoted as entered, with what is wrong, in either language', () => {
    const employee = { personnummerInput: '19820305-2398', personnummerReason: 'checksum' as const };
    expect(failureMessage('invalid_personnummer', employee)).toBe('personnummer "19820305-2398" is not valid: the check digit is wrong');
    useLanguage('sv');
    expect(failureMessage('invalid_personnummer', employee, (v) => `${v.slice(0, -4)}****`)).toBe('personnumret "19820305-****" är ogiltigt: kontrollsiffran är fel');
    expect(failureMessage('missing_personnummer', employee)).toBe('personnummer saknas');
  });
});

describe('stored send log messages, written in English, shown in the run language', () => {
  test('our codes are said again from the code; Kivra is quoted as it answered', () => {
    const tooLarge = row({ errorCode: 'payload_too_large', errorMessage: "The Kivra payload is 1200345 bytes, over Kivra's limit of 1048576 bytes; it was not sent. Check the template logo and font sizes." });
    const continued = row({ errorCode: 'continued_in_job', errorMessage: 'outcome unknown here; job 7 sent the identical payload again' });
    const rerouted = row({ reason: 'mailbox_closed', errorCode: '40105', errorMessage: storedRerouteMessage('mailbox_closed', 'Recipient has no mailbox') });
    const kivra = row({ errorCode: '40009', errorMessage: 'Invalid SSN' });
    const local = row({ reason: 'duplicate_personnummer' });
    expect(storedErrorText(rerouted)).toBe('Kivra could not deliver it (no mailbox any more), and it cannot be printed: Recipient has no mailbox');
    useLanguage('sv');
    expect(storedErrorText(tooLarge)).toBe('Innehållet till Kivra är 1200345 byte, över Kivras gräns på 1048576 byte; det skickades inte. Se över mallens logotyp och teckenstorlekar.');
    expect(storedErrorText(continued)).toBe('utfallet okänt här; utskick 7 skickade samma innehåll igen');
    expect(storedErrorText(rerouted)).toBe('Kivra kunde inte leverera (brevlådan finns inte längre), och den kan inte skrivas ut: Recipient has no mailbox');
    // Written by a Swedish run it is still English in the log, so any run reads it back.
    expect(storedRerouteMessage('mailbox_closed', 'x')).toBe('Kivra could not deliver it (no mailbox any more), and it cannot be printed: x');
    expect(storedErrorText(kivra)).toBe('Invalid SSN');
    expect(storedErrorText(local)).toBe('en annan anställd har samma personnummer');
    // A message of another form is shown as it was stored.
    expect(storedErrorText(row({ errorCode: 'payload_too_large', errorMessage: 'too big' }))).toBe('too big');
  });
});

describe("a Kivra failure: our explanation in the run's language, Kivra's answer as it came", () => {
  const failure = (over: Partial<ConstructorParameters<typeof KivraApiError>[0]>) =>
    new KivraApiError({ kind: 'permanent', status: 404, code: '40400', shortMessage: 'Not Found', longMessage: 'Tenant not found', correlationId: 'c-1', endpoint: 'GET /v2/tenant/abc', attempts: 1, ...over });

  test('a tenant key Kivra does not know, and Kivra away', () => {
    useLanguage('sv');
    const notFound = judgeKivraFailure(failure({}), 'tenant', 'abc');
    expect(notFound.scope === 'run' && notFound.error).toMatchObject({
      code: 'kivra_tenant_not_found',
      message: 'Kivra känner inte till avsändaridentiteten (tenant key) abc, eller så får de här inloggningsuppgifterna inte använda den: Kivra GET /v2/tenant/abc: 404 40400 Not Found: Tenant not found (x-correlation-id c-1)',
      suggestion: 'Rätta den med payslips activate --tenant-key <nyckel>, exakt som Kivra angav den, och testa den sedan med payslips activate --check.',
    });
    const away = judgeKivraFailure(failure({ kind: 'unreachable', status: null, code: 'econnrefused', shortMessage: 'connection refused', longMessage: '' }), 'usermatch', 'abc');
    expect(away.scope === 'run' && away.error).toMatchObject({ code: 'kivra_unreachable', message: 'Det gick inte att nå Kivra: Kivra GET /v2/tenant/abc: connection refused (x-correlation-id c-1)' });
    useLanguage('en');
    const forbidden = judgeKivraFailure(failure({ status: 403, code: '40300', shortMessage: 'Forbidden', longMessage: '' }), 'content', 'abc');
    expect(forbidden.scope === 'run' && forbidden.error.message).toBe('Kivra does not let these credentials send content for tenant abc: Kivra GET /v2/tenant/abc: 403 40300 Forbidden (x-correlation-id c-1)');
  });
});
