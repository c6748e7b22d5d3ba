import { isIP } from 'node:net';
import type { Environment } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';

const KIVRA_BASE_URLS: Record<Exclude<Environment, 'local'>, string> = {
  production: 'https://sender.api.kivra.com',
  sandbox: 'https://sender.sandbox-api.kivra.com',
};

/**
 * An explicit API URL must be https, or plain http only on this machine's loopback
 * (the emulator, tests): a bearer token and personnummer never cross a network in clear.
 * Returns the URL normalised without a trailing slash.
 */
export function assertAllowedApiUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UsageError(t().tools.apiUrl.notAUrl(input), { code: 'invalid_api_url' });
  }
  // Checked first: a `file:` or `javascript:` URL has no origin to name ("null").
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(t().tools.apiUrl.scheme(url.protocol), { code: 'invalid_api_url' });
  }
  // Paths are appended to the base URL, so a query or fragment would swallow them; and
  // credentials in the URL would be printed wherever the URL is shown.
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new UsageError(t().tools.apiUrl.parts, { code: 'invalid_api_url' });
  }
  if (url.protocol === 'https:') return stripSlash(url);
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return stripSlash(url);
  throw new UsageError(t().tools.apiUrl.plainHttp(url.origin), { code: 'invalid_api_url' });
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

function stripSlash(url: URL): string {
  return url.href.replace(/\/+$/, '');
}

/**
 * The base URL a company's settings point at: the explicit API URL when set (checked
 * like `--api-url`), else the environment's. `local` without an explicit URL has no
 * fixed address: null means "start the built-in emulator" (see `startLocalKivra`).
 */
export function resolveBaseUrl(environment: Environment, apiUrl: string | null | undefined): string | null {
  if (apiUrl !== null && apiUrl !== undefined && apiUrl !== '') return assertAllowedApiUrl(apiUrl);
  if (environment === 'local') return null;
  return KIVRA_BASE_URLS[environment];
}
