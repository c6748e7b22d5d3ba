import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorError } from './errors.js';

/** Reading bodies within a bound, and writing Kivra-shaped answers. */

interface ReadBody {
  body: Buffer;
  overflow: boolean;
}

/**
 * Keeps at most `limit` bytes. A larger body is still read to its end (and thrown
 * away), so the client gets its 413 instead of a reset connection mid-upload; the
 * emulator only listens on loopback, where that costs little.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        overflow = true;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), overflow }));
    req.on('error', reject);
  });
}

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) });
  res.end(payload);
}

export function errorBody(error: EmulatorError, numericCodes: boolean): Record<string, unknown> {
  return {
    code: numericCodes ? Number(error.code) : error.code,
    short_message: error.shortMessage,
    long_message: error.longMessage,
  };
}
