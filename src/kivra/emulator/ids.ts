import { randomBytes, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 alphanumerics, like the tokens in Kivra's examples (docs/kivra-api.md §2.1). */
export function newAccessToken(): string {
  // 248 is the largest multiple of 62 below 256: rejecting bytes above it keeps every
  // character equally likely.
  let token = '';
  while (token.length < 32) {
    for (const byte of randomBytes(48)) {
      if (byte < 248 && token.length < 32) token += ALPHANUMERIC[byte % 62];
    }
  }
  return token;
}

/** Kivra's key shape: 10-digit unix seconds + 32 lowercase hex (docs/kivra-api.md §4.5, §7.3). */
export function newObjectKey(nowMs: number): string {
  return `${String(Math.floor(nowMs / 1000)).padStart(10, '0')}${randomBytes(16).toString('hex')}`;
}

export function newCorrelationId(): string {
  return randomUUID();
}
