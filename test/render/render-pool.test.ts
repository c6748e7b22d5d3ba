import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createRenderPool } from '../../src/render/render-pool.js';
import type { RenderTask } from '../../src/render/render-tasks.js';
import { document, employee } from './documents.js';

const CRASHING_WORKER = fileURLToPath(new URL('./support/crashing-worker.mjs', import.meta.url));

function task(employeeNumber: string, templateDir: string | null = null): RenderTask {
  return { kind: 'print', doc: document({ employee: employee({ employeeNumber }) }), templateDir };
}

describe('render pool', () => {
  test('a worker that dies fails only its own payslip; the queue behind it is still rendered', async () => {
    const pool = createRenderPool(1, CRASHING_WORKER);
    try {
      const results = await Promise.allSettled([pool.run(task('1001')), pool.run(task('1002', 'crash')), pool.run(task('1003')), pool.run(task('1004'))]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/render worker stopped \(exit code 3\)/);
      const decoded = results.flatMap((r) => (r.status === 'fulfilled' && r.value.ok && r.value.kind === 'print' ? [new TextDecoder().decode(r.value.pdf)] : []));
      expect(decoded).toEqual(['1001', '1003', '1004']);
    } finally {
      await pool.close();
    }
  });
});
