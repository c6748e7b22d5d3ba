import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/cli.js';

let sb: Sandbox | undefined;
afterEach(() => sb?.cleanup());

test('demo runs the whole month-end on the fixtures, narrated, and ends with where the CSV log and print batch are', async () => {
  sb = createSandbox();
  const db = join(sb.dir, 'demo', 'payslips.db');
  const r = await sb.run(['demo', '--db', db, '--json'], { timeout: 60_000 });
  expect(r.exitCode, String(r.stderr)).toBe(0);
  // --json: one document on stdout; the narration and each step's output on stderr.
  const out = sb.json(r);
  expect(out).toMatchObject({ database: db, jobId: 1 });
  const stderr = String(r.stderr);
  for (const step of ['$ payslips activate', '$ payslips sync', '$ payslips select', '$ payslips send', '$ payslips log']) expect(stderr).toContain(step);
  expect(stderr).toContain('Job 1 started: 10 payslips to handle.');
  expect(stderr).toContain('Job 1 finished: failed. delivered 3, retained 2, printed 2, skipped 1, failed 2.');
  expect(stderr).toMatch(/19800511-\*\*\*\*/);
  const tail = stderr.trimEnd().split('\n').slice(-3);
  expect(tail[0]).toBe(`CSV log:      ${out.csvLog}`);
  expect(tail[1]).toBe(`Print batch:  ${out.printBatch}`);
  expect(readFileSync(out.csvLog, 'utf8').startsWith('job_id,employee_number,employee_name,personnummer,')).toBe(true);
  expect(existsSync(out.printBatch)).toBe(true);
  expect(out.printBatch.startsWith(join(sb.dir, 'demo'))).toBe(true);
});
