import { setTimeout as tick } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { collectGarbage } from '../../src/heap.js';

test('collectGarbage frees what nothing refers to, at once', async () => {
  const refs = (() => Array.from({ length: 100 }, () => new WeakRef({ rows: new Array(1_000).fill('employee') })))();
  // A WeakRef holds its target until the end of the job that made it.
  await tick(0);
  collectGarbage();
  expect(refs.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
});

test('what is still referred to survives it', async () => {
  const kept = { rows: ['employee'] };
  const ref = new WeakRef(kept);
  await tick(0);
  collectGarbage();
  expect(ref.deref()).toBe(kept);
});
