import { describe, expect, test } from 'vitest';
import { createSlots } from '../../src/workflows/slots.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('posting slots', () => {
  test('let at most `size` holders in at once, and the next waiter in as one leaves, in order', async () => {
    const slots = createSlots(2);
    const order: string[] = [];
    const holders = ['a', 'b', 'c', 'd'].map(async (name) => {
      const release = await slots.acquire();
      order.push(`in ${name}`);
      return { name, release };
    });
    await tick();
    expect(order).toEqual(['in a', 'in b']);
    (await holders[1]!).release();
    await tick();
    expect(order).toEqual(['in a', 'in b', 'in c']);
    (await holders[0]!).release();
    await tick();
    expect(order).toEqual(['in a', 'in b', 'in c', 'in d']);
  });

  test('a slot released twice is freed once', async () => {
    const slots = createSlots(1);
    const release = await slots.acquire();
    release();
    release();
    const first = await slots.acquire();
    let second = false;
    void slots.acquire().then(() => (second = true));
    await tick();
    expect(second).toBe(false);
    first();
    await tick();
    expect(second).toBe(true);
  });
});
