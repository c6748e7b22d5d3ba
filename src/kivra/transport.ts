import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

/**
 * One HTTP exchange, with the one fact `fetch` cannot tell us: whether the request body
 * had been handed to the network when the exchange failed. Before that point Kivra
 * cannot have acted on the request; after it, a lost connection or a timeout leaves the
 * outcome unknown, which decides whether a content send may have been delivered.
 */

interface ExchangeRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  maxResponseBytes: number;
}

type ExchangeFailure = 'refused' | 'timeout' | 'network' | 'aborted';

export type ExchangeResult =
  | { ok: true; status: number; headers: IncomingHttpHeaders; body: Buffer; bodySent: true }
  | { ok: false; failure: ExchangeFailure; bodySent: boolean; message: string; cause: unknown };

export interface Transport {
  exchange(request: ExchangeRequest): Promise<ExchangeResult>;
  close(): void;
}

// Errors that prove the request never reached a server.
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

export function createTransport(): Transport {
  // Keep-alive saves a TLS handshake per payslip; idle sockets are unref'd by the agent
  // and so never keep the process alive.
  const agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };
  return {
    exchange: (request) => exchange(request, request.url.protocol === 'https:' ? agents.https : agents.http),
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/**
 * One AbortController per exchange, aborted by its own timer or by the caller's signal,
 * and let go of both when the exchange settles. Not `AbortSignal.any([signal,
 * AbortSignal.timeout(ms)])`: Node registers each composite with the caller's signal,
 * which lives as long as the send, through weak references that only a full collection
 * clears (nodejs/node#55351). Each request and its body were carried into the old
 * generation with it, and the send's memory grew steadily: 240 → 318 MB over 5,000
 * payslips (BENCHMARKS.md).
 */
function exchange(request: ExchangeRequest, agent: http.Agent): Promise<ExchangeResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`no answer within ${request.timeoutMs} ms`, 'TimeoutError'));
  }, request.timeoutMs);
  const interrupt = (): void => controller.abort(request.signal?.reason);
  if (request.signal?.aborted) interrupt();
  else request.signal?.addEventListener('abort', interrupt, { once: true });
  const signal = controller.signal;
  const send = request.url.protocol === 'https:' ? https.request : http.request;

  return new Promise((resolve) => {
    let bodySent = false;
    let settled = false;
    const settle = (result: ExchangeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', interrupt);
      resolve(result);
    };
    const fail = (error: unknown): void => {
      const code = (error as { code?: unknown } | null)?.code;
      let failure: ExchangeFailure = 'network';
      if (request.signal?.aborted) failure = 'aborted';
      else if (timedOut) failure = 'timeout';
      else if (typeof code === 'string' && NOT_CONNECTED.has(code) && !bodySent) failure = 'refused';
      const message =
        failure === 'timeout'
          ? `no answer within ${request.timeoutMs} ms`
          : failure === 'aborted'
            ? 'interrupted'
            : `${typeof code === 'string' ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)}`;
      settle({ ok: false, failure, bodySent, message, cause: error });
    };

    const headers: Record<string, string> = { ...request.headers };
    if (request.body) headers['content-length'] = String(request.body.byteLength);
    const req = send(request.url, { method: request.method, headers, agent, signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxResponseBytes) {
          res.destroy(new Error(`response larger than ${request.maxResponseBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('connection closed before the response was complete')));
      res.on('end', () => {
        if (!res.complete) {
          fail(new Error('connection closed before the response was complete'));
          return;
        }
        settle({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), bodySent: true });
      });
    });
    // 'finish' fires once the whole request, body included, has been handed to the OS.
    req.on('finish', () => {
      bodySent = true;
    });
    req.on('error', fail);
    req.end(request.body === undefined ? undefined : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength));
  });
}
