import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRenderPool } from '../../src/render/render-pool.js';
import type { RenderResult, RenderTask } from '../../src/render/render-tasks.js';
import { document, employee } from './documents.js';
import { damageGlyph, interFont } from './fonts.js';

const CRASHING_WORKER = fileURLToPath(new URL('./support/crashing-worker.mjs', import.meta.url));

function task(employeeNumber: string, templateDir: string | null = null): RenderTask {
  return { kind: 'print', doc: document({ employee: employee({ employeeNumber }) }), templateDir };
}

const echoed = (result: RenderResult): string | null => (result.ok && result.kind === 'print' ? new TextDecoder().decode(result.pdf) : null);

describe('a render worker that dies fails only its own payslip; the queue behind it is still rendered', () => {
  test.each([
    ['exits', 'crash', /^The render worker stopped while rendering this payslip: exit code 3\.$/],
    ['throws outside the task', 'throw', /^The render worker stopped while rendering this payslip: the font table is not where the directory says\.$/],
    ['runs out of memory', 'hoard', /^Rendering this payslip needed more than the 128 MB of memory a render worker may use\.$/],
  ])('a worker that %s', async (_, how, message) => {
    const pool = createRenderPool(1, CRASHING_WORKER);
    try {
      const results = await Promise.all([pool.run(task('1001')), pool.run(task('1002', how)), pool.run(task('1003')), pool.run(task('1004'))]);
      expect(results.map(echoed)).toEqual(['1001', null, '1003', '1004']);
      expect(results[1]).toEqual({ ok: false, code: 'render_failed', message: expect.stringMatching(message) });
    } finally {
      await pool.close();
    }
  });

  test('closing the pool refuses what is still rendering or queued, and anything after: none of it failed to render', async () => {
    const pool = createRenderPool(1, CRASHING_WORKER);
    const outcomes = Promise.allSettled([pool.run(task('1001', 'hang')), pool.run(task('1002'))]);
    await pool.close();
    const [rendering, queued] = await outcomes;
    expect(String((rendering as PromiseRejectedResult).reason)).toBe('Error: render pool closed while rendering');
    expect(String((queued as PromiseRejectedResult).reason)).toBe('Error: render pool is closed');
    await expect(pool.run(task('1003'))).rejects.toThrow('render pool is closed');
  });
});

describe('a payslip whose rendering throws', () => {
  let dir: string;
  beforeAll(() => {
    // A company template whose fonts are damaged in one glyph: É, which only one name has.
    dir = mkdtempSync(join(tmpdir(), 'payslips-template-'));
    writeFileSync(join(dir, 'regular.ttf'), damageGlyph(interFont('400Regular'), 'É'));
    writeFileSync(join(dir, 'bold.ttf'), damageGlyph(interFont('700Bold'), 'É'));
    writeFileSync(join(dir, 'template.json'), JSON.stringify({ fonts: { regular: 'regular.ttf', bold: 'bold.ttf' } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(['print', 'payload'] as const)('fails alone with render_failed and the reason (%s)', async (kind) => {
    const pool = createRenderPool(2);
    const of = (employeeNumber: string, firstName: string): RenderTask => {
      const doc = document({ employee: employee({ employeeNumber, firstName }) });
      return kind === 'print' ? { kind, doc, templateDir: dir } : { kind, doc, templateDir: dir, sourceSystem: 'payslips' };
    };
    try {
      const results = await Promise.all([pool.run(of('1001', 'Åsa')), pool.run(of('1004', 'Émile')), pool.run(of('1005', 'Maja'))]);
      expect(results.map((r) => r.ok)).toEqual([true, false, true]);
      expect(results[1]).toEqual({ ok: false, code: 'render_failed', message: expect.stringMatching(/^The template's font is damaged: glyph \d+, which a character of this payslip needs, cannot be drawn/) });
    } finally {
      await pool.close();
    }
  });
});
