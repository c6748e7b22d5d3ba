import { describe, expect, test } from 'vitest';
import { renderPayslipFor } from '../../src/render/render-tasks.js';
import { document, employee } from './documents.js';

/**
 * A render worker that waits on a timer is a core standing idle: before the fontkit
 * bundle's setTimeout-based nextTick was bypassed, every font of every payslip waited at
 * least 1 ms (a fifth of a worker's time). A render that needs no timer finishes before a
 * setImmediate queued beside it, since it only ever continues on microtasks and ticks.
 */
describe('rendering waits on no timer', () => {
  test.each(['kivra', 'print'] as const)('a %s payslip renders before the next turn of the event loop', async (variant) => {
    // The first render in a process learns fontkit's stream class the slow way; warm up.
    await renderPayslipFor(document(), null, variant);
    const next = new Promise<'event loop turned'>((resolve) => setImmediate(() => resolve('event loop turned')));
    const rendered = renderPayslipFor(document({ employee: employee({ employeeNumber: '2002', firstName: 'Åsa' }) }), null, variant).then(() => 'rendered' as const);
    expect(await Promise.race([rendered, next])).toBe('rendered');
  });
});
