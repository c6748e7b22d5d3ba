import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { dropLocalTemplate, localKivraContents, localMonthEnd, parseCsv, SSN, type MonthEnd } from '../helpers/month-end.js';
import { damageGlyph, interFont } from '../render/fonts.js';

/**
 * A payslip that cannot be rendered fails alone. The company's template has fonts damaged
 * in one glyph, É, which only two payslips' texts use: 1004 Émile Sjöström (print) and,
 * edited for this test, 1005 Maja Élise Nordström (Kivra).
 */

let sb: MonthEnd | undefined;
afterEach(() => sb?.cleanup());
afterAll(() => dropLocalTemplate());

async function companyWithDamagedFont(): Promise<MonthEnd> {
  const month = await localMonthEnd({
    edit: (payroll) => {
      const maja = payroll.employees.find((e) => e.employee_number === '1005')!;
      maja.first_name = 'Maja Élise';
    },
  });
  const dir = join(month.dir, 'mall');
  mkdirSync(dir);
  writeFileSync(join(dir, 'regular.ttf'), damageGlyph(interFont('400Regular'), 'É'));
  writeFileSync(join(dir, 'bold.ttf'), damageGlyph(interFont('700Bold'), 'É'));
  writeFileSync(join(dir, 'template.json'), JSON.stringify({ fonts: { regular: 'regular.ttf', bold: 'bold.ttf' } }));
  const activated = await month.run(['activate', '--template-dir', dir]);
  expect(activated.exitCode, String(activated.stderr)).toBe(0);
  return month;
}

describe('a payslip that cannot be rendered', () => {
  test('send records it as failed (render_failed) and delivers and prints the others: exit 3', async () => {
    sb = await companyWithDamagedFont();
    const printDir = join(sb.dir, 'utskrift');
    const r = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json', '--print-dir', printDir]);
    expect(r.exitCode, String(r.stderr)).toBe(3);
    const out = sb.json(r);
    expect(out.status).toBe('failed');
    // Without the two: delivered 3, retained 2, printed 2, skipped 1, failed 2.
    expect(out.totals).toEqual({ delivered: 2, retained: 2, printed: 1, skipped: 1, failed: 4 });

    const log = sb.json(await sb.run(['log', String(out.jobId), '--json']));
    const failed = (log.job.items as Array<Record<string, any>>).filter((i) => i.errorCode === 'render_failed');
    expect(failed.map((i) => [i.employeeNumber, i.channel, i.outcome])).toEqual([
      ['1004', 'print', 'failed'],
      ['1005', 'kivra', 'failed'],
    ]);
    for (const item of failed) expect(item.errorMessage).toMatch(/^The template's font is damaged: glyph \d+, which a character of this payslip needs, cannot be drawn/);

    const accepted = localKivraContents(sb);
    expect(accepted.map((c) => c.ssn).sort()).toEqual([SSN['1001'], SSN['1002'], SSN['1006'], SSN['1007']].sort());
    const manifest = parseCsv(readFileSync(out.printBatches[0].manifestPath, 'utf8'));
    expect(manifest.slice(1).map((row) => row[0])).toEqual(['1003']);
  });

  test('preview says which payslip and why, exit 2, and writes nothing; the others preview as before', async () => {
    sb = await companyWithDamagedFont();
    const file = join(sb.dir, 'emile.pdf');
    for (const args of [['--print'], []]) {
      const r = await sb.run(['preview', '1004', '--date', '2025-11-25', '--out', file, ...args]);
      expect(r.exitCode, String(r.stderr)).toBe(2);
      expect(r.stderr).toContain('The payslip of employee 1004, pay run 2025-11, cannot be rendered.');
      expect(r.stderr).toMatch(/The template's font is damaged: glyph \d+, which a character of this payslip needs, cannot be drawn/);
      expect(r.stderr).toContain('A send would record it as failed (render_failed) and deliver the others.');
      expect(r.stderr).not.toContain('This is a bug');
      expect(existsSync(file)).toBe(false);
    }
    const json = await sb.run(['preview', '1005', '--date', '2025-11-25', '--out', file, '--json']);
    expect(json.exitCode).toBe(2);
    expect(sb.json(json).error).toMatchObject({ code: 'render_failed' });

    const fine = await sb.run(['preview', '1001', '--date', '2025-11-25', '--out', join(sb.dir, 'asa.pdf')]);
    expect(fine.exitCode, String(fine.stderr)).toBe(0);
  });
});
