import { execa } from 'execa';
import { afterEach, expect, test } from 'vitest';
import { BIN, createSandbox, type Sandbox } from '../helpers/cli.js';
import { generatePayroll, ORG_NUMBER, PAYOUT_DATE, writePayroll } from '../reliability/support/generated-payroll.js';

let sb: Sandbox | undefined;
afterEach(() => sb?.cleanup());

// A pipe takes 64 KiB before the reader catches up; output past that must still arrive
// whole, or a script parsing --json of a large employer gets a cut document. A reader
// that stops early (`| head`) is no error: the command ends quietly.
test('--json output far larger than a pipe buffer arrives whole; a reader that stops early ends it quietly', async () => {
  sb = createSandbox();
  const payroll = generatePayroll(600);
  expect((await sb.run(['activate', '--org-number', ORG_NUMBER, '--name', 'Prov AB', '--send-payslips', 'on', '--apply-to-employees', 'no'])).exitCode).toBe(0);
  const sync = await sb.run(['sync', '--from', writePayroll(sb.dir, payroll), '--offline'], { timeout: 60_000 });
  expect(sync.exitCode, String(sync.stderr)).toBe(0);

  const select = await sb.run(['select', '--date', PAYOUT_DATE, '--json']);
  expect(select.exitCode).toBe(0);
  expect(String(select.stdout).length).toBeGreaterThan(2 * 65_536);
  expect(sb.json(select).items).toHaveLength(600);

  const employees = await sb.run(['employees', 'list', '--json']);
  expect(employees.exitCode).toBe(0);
  expect(sb.json(employees).employees).toHaveLength(600);

  for (const args of [['employees', 'list', '--json'], ['select', '--date', PAYOUT_DATE]]) {
    const head = await execa('bash', ['-c', `set -o pipefail; node "${BIN}" ${args.join(' ')} | head -c 100`], { env: sb.env, extendEnv: false, reject: false });
    expect({ args, exitCode: head.exitCode, stderr: String(head.stderr) }).toEqual({ args, exitCode: 0, stderr: '' });
    expect(String(head.stdout)).toHaveLength(100);
  }
});
