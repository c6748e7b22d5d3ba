import type { EmulatorEndpoint } from './options.js';

/** The four endpoints payslips uses; anything else is a 404 (docs/kivra-api.md §8). */

export interface Route {
  endpoint: EmulatorEndpoint;
  method: 'GET' | 'POST';
  tenantKey: string | null;
}

const ROUTES: Array<{ pattern: RegExp; endpoint: EmulatorEndpoint; method: 'GET' | 'POST' }> = [
  { pattern: /^\/v1\/auth$/, endpoint: 'auth', method: 'POST' },
  { pattern: /^\/v2\/tenant\/([^/]+)$/, endpoint: 'tenant', method: 'GET' },
  { pattern: /^\/v2\/tenant\/([^/]+)\/usermatch\/ssn$/, endpoint: 'usermatch', method: 'POST' },
  { pattern: /^\/v2\/tenant\/([^/]+)\/content$/, endpoint: 'content', method: 'POST' },
];

export function findRoute(path: string): Route | undefined {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    try {
      return { endpoint: route.endpoint, method: route.method, tenantKey: match[1] === undefined ? null : decodeURIComponent(match[1]) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
