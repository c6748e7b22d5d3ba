import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback proxy in front of the emulator that remembers every credential that crossed
 * it: the bearer tokens the CLI used and the Basic header it authenticated with. The
 * secrets test then searches every output and file for them.
 */
export interface TokenSpy {
  url: string;
  readonly bearerTokens: Set<string>;
  readonly basicHeaders: Set<string>;
  close(): Promise<void>;
}

export async function startTokenSpy(target: string): Promise<TokenSpy> {
  const bearerTokens = new Set<string>();
  const basicHeaders = new Set<string>();
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const authorization = req.headers.authorization ?? '';
    const bearer = /^Bearer (\S+)$/.exec(authorization);
    if (bearer?.[1]) bearerTokens.add(bearer[1]);
    const basic = /^Basic (\S+)$/i.exec(authorization);
    if (basic?.[1]) basicHeaders.add(basic[1]);
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bearerTokens,
    basicHeaders,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
