import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { handleAuth } from './auth-endpoint.js';
import { handleContent } from './content-endpoint.js';
import { errorAnswer, type Answer, type EmulatorContext, type IncomingExchange } from './context.js';
import { isEmulatorError, kivraError } from './errors.js';
import { createFaultInjector } from './faults.js';
import { errorBody, readBody, writeJson } from './http-io.js';
import { newCorrelationId } from './ids.js';
import { EMULATOR_DEFAULTS, type EmulatorFaults, type EmulatorTenant, type KivraEmulatorOptions } from './options.js';
import { loadStateFile, openStateWriter } from './persistence.js';
import { createRateLimiter } from './rate-limit.js';
import { findRoute, type Route } from './routes.js';
import { scopeAllows } from './scope.js';
import { createState, type ContentRecord, type EmulatorState } from './state.js';
import { handleTenant, handleUserMatch } from './tenant-endpoints.js';
import { createTokenStore } from './tokens.js';

export { LOCAL_TENANT_KEY } from './local-tenant.js';

/**
 * A Kivra sender API on 127.0.0.1 for tests, the `local` environment and trying the
 * workflow by hand: the four endpoints payslips uses, Kivra's validation order and
 * error catalogue, retain, duplicate control, rate limit, and injectable faults.
 */

export interface KivraEmulator {
  /** `http://127.0.0.1:PORT`, to use as the client's base URL. */
  readonly url: string;
  readonly port: number;
  readonly state: EmulatorState;
  readonly tenants: readonly EmulatorTenant[];
  /** Change faults while running; counters of replaced rules start over. */
  setFaults(faults: EmulatorFaults): void;
  /** The SSN gets a mailbox; unexpired retained content for it is delivered and returned. */
  register(ssn: string): ContentRecord[];
  /** The SSN no longer has a mailbox (never registered, or opted out). */
  unregister(ssn: string): void;
  close(): Promise<void>;
}

export async function startKivraEmulator(options: KivraEmulatorOptions = {}): Promise<KivraEmulator> {
  const now = options.now ?? Date.now;
  const loaded = options.stateFile ? loadStateFile(options.stateFile) : undefined;
  const writer = options.stateFile ? openStateWriter(options.stateFile) : null;
  const state = createState(loaded?.recipients ?? []);
  for (const ssn of options.recipients ?? []) {
    if (!state.recipients.has(ssn)) writer?.append({ t: 'recipient', ssn, present: true });
    state.recipients.add(ssn);
  }
  const firstCopies = new Map<string, ContentRecord>();
  for (const record of loaded?.contents ?? []) {
    state.contents.push(record);
    if (!firstCopies.has(record.dedupeHash)) firstCopies.set(record.dedupeHash, record);
  }

  const faults = createFaultInjector(options.faults);
  const tenants = new Map((options.tenants ?? []).map((tenant) => [tenant.key, tenant]));
  let url = '';
  const ctx: EmulatorContext = {
    baseUrl: () => url,
    clients: options.clients ?? [],
    acceptAnyCredentials: options.acceptAnyCredentials ?? false,
    tenants,
    duplicateControl: options.duplicateControl ?? EMULATOR_DEFAULTS.duplicateControl,
    contentLimitBytes: options.contentLimitBytes ?? EMULATOR_DEFAULTS.contentLimitBytes,
    tokenLifetimeSeconds: () => faults.current.tokenLifetimeSeconds ?? options.tokenLifetimeSeconds ?? EMULATOR_DEFAULTS.tokenLifetimeSeconds,
    state,
    firstCopies,
    tokens: createTokenStore(now),
    faults,
    rateLimiter: createRateLimiter(() => options.rateLimitPerMinute ?? EMULATOR_DEFAULTS.rateLimitPerMinute, now),
    writer,
    now,
  };
  const requestLimit = options.requestLimitBytes ?? EMULATOR_DEFAULTS.requestLimitBytes;
  const numericCodes = options.numericErrorCodes ?? false;

  const server = http.createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      // A bug in a handler must not take the emulator down; answer like Kivra's 500.
      if (!res.headersSent && !res.destroyed) {
        const failure = kivraError('50000', error instanceof Error ? error.message : String(error));
        writeJson(res, failure.status, errorBody(failure, numericCodes), { 'x-correlation-id': newCorrelationId(), 'x-error-code': failure.code });
      }
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const correlationId = newCorrelationId();
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = findRoute(path);
    state.requests[route?.endpoint ?? 'other'] += 1;
    const { body, overflow } = await readBody(req, requestLimit);
    const exchange: IncomingExchange = { method: req.method ?? 'GET', path, headers: req.headers, body, overflow };
    const answer = answerFor(ctx, route, exchange);
    const latency = faults.current.latencyMs ?? 0;
    if (latency > 0) await delay(latency);

    const log = (status: number | 'dropped', code: string | null): void =>
      options.onRequest?.({ method: exchange.method, path, endpoint: route?.endpoint ?? 'other', status, code, correlationId });
    if (answer.kind === 'drop') {
      // The "accepted, but the answer never arrived" case: no response at all.
      req.socket.destroy();
      log('dropped', null);
      return;
    }
    const headers: Record<string, string> = { 'x-correlation-id': correlationId, ...answer.headers };
    if (overflow) headers.connection = 'close';
    if (answer.kind === 'error') {
      headers['x-error-code'] = answer.error.code;
      writeJson(res, answer.error.status, errorBody(answer.error, numericCodes), headers);
      log(answer.error.status, answer.error.code);
      return;
    }
    writeJson(res, answer.status, answer.body, headers);
    log(answer.status, null);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;

  return {
    url,
    port,
    state,
    tenants: [...tenants.values()],
    setFaults: (changes) => faults.set(changes),
    register(ssn) {
      if (!state.recipients.has(ssn)) writer?.append({ t: 'recipient', ssn, present: true });
      state.recipients.add(ssn);
      const released = state.contents.filter(
        (c) => c.ssn === ssn && c.outcome === 'retained' && !c.released && c.retainedUntil !== null && c.retainedUntil >= now(),
      );
      for (const record of released) {
        record.released = true;
        writer?.append({ t: 'released', contentKey: record.contentKey });
      }
      return released;
    },
    unregister(ssn) {
      if (state.recipients.delete(ssn)) writer?.append({ t: 'recipient', ssn, present: false });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Routing, injected faults, then docs/kivra-api.md §8.1's order: token, tenant in scope, and the
 * endpoint's own checks.
 */
function answerFor(ctx: EmulatorContext, route: Route | undefined, exchange: IncomingExchange): Answer {
  if (!route) return errorAnswer(kivraError('40400'));
  if (exchange.method !== route.method) return errorAnswer(kivraError('40500'), { allow: route.method });
  const injected = ctx.faults.failureFor(route.endpoint);
  if (injected) return errorAnswer(injected.error, injected.retryAfter === null ? undefined : { 'retry-after': injected.retryAfter });
  if (route.endpoint === 'auth') return handleAuth(ctx, exchange);

  const grant = ctx.tokens.verify(exchange.headers);
  if (isEmulatorError(grant)) return errorAnswer(grant);
  const tenantKey = route.tenantKey ?? '';
  // A tenant outside the token's reach answers like one that does not exist (docs/kivra-api.md §5.1).
  if (!ctx.tenants.has(tenantKey) || (grant.tenantKeys !== null && !grant.tenantKeys.has(tenantKey))) return errorAnswer(kivraError('40400'));
  if (grant.scope !== null && !scopeAllows(grant.scope, exchange.method, exchange.path)) return errorAnswer(kivraError('40300', 'the token\'s scope does not cover this request'));
  const authorized = { ...exchange, tenantKey, grant };
  switch (route.endpoint) {
    case 'tenant':
      return handleTenant(ctx, authorized);
    case 'usermatch':
      return handleUserMatch(ctx, authorized);
    case 'content':
      return handleContent(ctx, authorized);
  }
}
