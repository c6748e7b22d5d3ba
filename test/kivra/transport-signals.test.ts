import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTransport } from '../../src/kivra/transport.js';

/**
 * A send posts every payslip under one signal that lives as long as the process (Ctrl+C).
 * Nothing of a settled exchange may stay attached to it. With AbortSignal.any, Node kept
 * each request's composite signal in the long-lived signal's set of dependants, weakly,
 * and weak references are only cleared by a full collection: every request and its body
 * were carried into the old generation, and a send of 5,000 payslips grew by ~80 MB
 * (BENCHMARKS.md). The set is Node's own (`kDependantSignals`, as in nodejs/node#55351).
 */
let server: http.Server;
let url: URL;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/tenant/t/content`);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function dependants(signal: AbortSignal): number {
  const symbol = Object.getOwnPropertySymbols(signal).find((s) => s.description === 'kDependantSignals');
  const set = symbol ? (signal as unknown as Record<symbol, Set<unknown> | undefined>)[symbol] : undefined;
  return set?.size ?? 0;
}

test('a settled exchange leaves no listener and no dependant signal on the caller’s signal', async () => {
  const transport = createTransport();
  const interrupt = new AbortController();
  const body = new Uint8Array(20_000).fill(65);
  for (let round = 0; round < 25; round += 1) {
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        transport.exchange({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body, timeoutMs: 30_000, signal: interrupt.signal, maxResponseBytes: 1_000 }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
  }
  transport.close();
  expect(getEventListeners(interrupt.signal, 'abort')).toHaveLength(0);
  expect(dependants(interrupt.signal)).toBe(0);
});

test('the caller’s signal still interrupts an exchange in flight, and the timeout still ends a silent one', async () => {
  const silent = http.createServer(() => {
    // Never answers.
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentUrl = new URL(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/`);
  const transport = createTransport();
  try {
    const interrupt = new AbortController();
    const interrupted = transport.exchange({ method: 'POST', url: silentUrl, headers: {}, body: new Uint8Array(10), timeoutMs: 30_000, signal: interrupt.signal, maxResponseBytes: 1_000 });
    setTimeout(() => interrupt.abort(new Error('Ctrl+C')), 50);
    expect(await interrupted).toMatchObject({ ok: false, failure: 'aborted' });
    expect(getEventListeners(interrupt.signal, 'abort')).toHaveLength(0);

    const timedOut = await transport.exchange({ method: 'GET', url: silentUrl, headers: {}, timeoutMs: 100, signal: new AbortController().signal, maxResponseBytes: 1_000 });
    expect(timedOut).toMatchObject({ ok: false, failure: 'timeout', message: 'no answer within 100 ms' });
  } finally {
    transport.close();
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});
