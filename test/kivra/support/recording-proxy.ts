import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy between the client and a Kivra server that keeps a copy of every
 * exchange, byte for byte: what the client really sent, and what the server really
 * answered. Contract tests assert on this traffic, never on objects written by hand.
 */

export interface RecordedExchange {
  method: string;
  path: string;
  requestHeaders: IncomingHttpHeaders;
  requestBody: Buffer;
  /** Null when the server closed the connection without an answer. */
  status: number | null;
  responseHeaders: IncomingHttpHeaders;
  responseBody: Buffer;
}

export interface RecordingProxy {
  url: string;
  exchanges: RecordedExchange[];
  close(): Promise<void>;
}

export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const exchanges: RecordedExchange[] = [];
  // No keep-alive towards the server: one upstream connection per request keeps a dropped
  // answer from poisoning the next exchange.
  const agent = new http.Agent({ keepAlive: false });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const exchange: RecordedExchange = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        requestHeaders: req.headers,
        requestBody: Buffer.concat(chunks),
        status: null,
        responseHeaders: {},
        responseBody: Buffer.alloc(0),
      };
      exchanges.push(exchange);
      const { host: _host, connection: _connection, ...headers } = req.headers;
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            exchange.status = answer.statusCode ?? null;
            exchange.responseHeaders = answer.headers;
            exchange.responseBody = Buffer.concat(body);
            const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...forward } = answer.headers;
            res.writeHead(answer.statusCode ?? 502, forward);
            res.end(exchange.responseBody);
          });
        },
      );
      // The server dropped the connection: so does the proxy, so the client sees the same.
      upstream.on('error', () => req.socket.destroy());
      upstream.end(exchange.requestBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
