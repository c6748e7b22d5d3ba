import { expect, test } from 'vitest';
import { survivorsOfCollection } from '../helpers/collected.js';

// survivorsOfCollection runs src/heap.ts's collectGarbage.
test('collectGarbage frees what nothing refers to, at once', async () => {
  const refs = (() => Array.from({ length: 100 }, () => new WeakRef({ rows: new Array(1_000).fill('employee') })))();
  expect(await survivorsOfCollection(refs)).toBe(0);
});

test('what is still referred to survives it', async () => {
  const kept = { rows: ['employee'] };
  const ref = new WeakRef(kept);
  expect(await survivorsOfCollection([ref])).toBe(1);
  expect(ref.deref()).toBe(kept);
});
