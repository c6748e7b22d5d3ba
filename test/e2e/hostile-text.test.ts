import { existsSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/cli.js';

/**
 * Text that would repaint the operator's terminal or hide a row (escape sequences, bells,
 * bidi overrides) is refused where it comes in from outside (options, PAYSLIPS_USER; the
 * import has its own tests in sync-bad-input).
 */

describe('refused where it comes in: exit 2, nothing written', () => {
  const sandboxes: Sandbox[] = [];
  const fresh = (): Sandbox => {
    const sb = createSandbox();
    sandboxes.push(sb);
    return sb;
  };
  afterAll(() => {
    for (const sb of sandboxes.splice(0)) sb.cleanup();
  });

  // The values are not in the test titles: they would do to the test runner's output what they are refused for.
  test.each([
    ['--name', 'an escape sequence', 'Exempel\u001b[2J AB', 'name', 'contains a control character (U+001B ESC)'],
    ['--street', 'a line break', 'Storgatan 1\nfail', 'street', 'contains a line break (U+000A LF)'],
    ['--city', 'a bidi override', 'Lund\u202e', 'city', 'contains an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE)'],
    ['--postal-code', 'a bell', '111 22\u0007', 'postalCode', 'contains a control character (U+0007 BEL)'],
    ['--phone', 'a C1 control', '046-12 34 56\u009b', 'phone', 'contains a control character (U+009B CSI)'],
    ['--name', '201 characters', 'Å'.repeat(201), 'name', '201 characters; at most 200 are accepted'],
    ['--street', '201 characters', 'x'.repeat(201), 'street', '201 characters; at most 200 are accepted'],
    ['--postal-code', '21 characters', '1'.repeat(21), 'postalCode', '21 characters; at most 20 are accepted'],
    ['--city', '101 characters', 'L'.repeat(101), 'city', '101 characters; at most 100 are accepted'],
    ['--email', '255 characters', `${'e'.repeat(250)}@x.se`, 'email', '255 characters; at most 254 are accepted'],
    ['--phone', '51 characters', '0'.repeat(51), 'phone', '51 characters; at most 50 are accepted'],
  ])('activate %s with %s', async (option, _label, value, field, message) => {
    const sb = fresh();
    const args = ['activate', '--org-number', '556677-8899', ...(option === '--name' ? [] : ['--name', 'Exempel AB']), option, value, '--json'];
    const r = await sb.run(args);
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(sb.json(r).error).toEqual({ code: 'invalid_option', message: `✖ ${message}\n  → at ${field}` });
    expect(existsSync(sb.dbPath)).toBe(false);
  });

  test('activate: company details at their caps are accepted', async () => {
    const sb = fresh();
    const r = await sb.run(['activate', '--org-number', '556677-8899', '--name', 'Å'.repeat(200), '--postal-code', '1'.repeat(20), '--city', '😀'.repeat(100), '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(sb.json(r).company.address.city).toBe('😀'.repeat(100));
  });

  test.each([
    ['a bell', 'bo\u0007b', 'contains a control character (U+0007 BEL)'],
    ['a bidi override', '\u202ebob', 'contains an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE)'],
    ['101 characters', 'b'.repeat(101), '101 characters; at most 100 are accepted'],
  ])('users add: a name with %s', async (_label, name, message) => {
    const sb = fresh();
    expect((await sb.run(['users', 'add', 'anna', '--role', 'admin'])).exitCode).toBe(0);
    const r = await sb.run(['users', 'add', name, '--role', 'viewer', '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(sb.json(r).error.message).toBe(`Operator name: ✖ ${message}`);
    expect(sb.json(await sb.run(['users', 'list', '--json'])).operators.map((o: { name: string }) => o.name)).toEqual(['anna']);
  });

  test.each([
    ['an escape sequence', 'anna\u001b[8m', 'contains a control character (U+001B ESC)'],
    ['101 characters', 'a'.repeat(101), '101 characters; at most 100 are accepted'],
  ])('PAYSLIPS_USER with %s', async (_label, operator, message) => {
    const sb = fresh();
    const r = await sb.run(['activate', '--org-number', '556677-8899', '--name', 'Exempel AB', '--json'], { env: { PAYSLIPS_USER: operator } });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(sb.json(r).error).toMatchObject({ code: 'invalid_environment', message: `PAYSLIPS_USER: ${message}.` });
    expect(existsSync(sb.dbPath)).toBe(false);
  });
});
