import { kivraError } from './errors.js';
import { errorAnswer, isJsonRequest, type Answer, type AuthorizedExchange, type EmulatorContext } from './context.js';
import { parseJsonBody } from './json-body.js';

/** `GET /v2/tenant/{key}` → Tenant_v2 (docs/kivra-api.md §7.1). */
export function handleTenant(ctx: EmulatorContext, exchange: AuthorizedExchange): Answer {
  const tenant = ctx.tenants.get(exchange.tenantKey);
  if (!tenant) return errorAnswer(kivraError('40400'));
  return {
    kind: 'json',
    status: 200,
    body: { name: tenant.name, company_id: tenant.companyIds.map(({ name, orgnr }) => ({ name, orgnr })) },
  };
}

/** `POST /v2/tenant/{key}/usermatch/ssn` → the SSNs that can receive now (docs/kivra-api.md §3.1). */
export function handleUserMatch(ctx: EmulatorContext, exchange: AuthorizedExchange): Answer {
  if (!isJsonRequest(exchange.headers)) return errorAnswer(kivraError('41500'));
  if (exchange.overflow) return errorAnswer(kivraError('41300', 'a usermatch body may be at most 10 MB'));
  const parsed = parseJsonBody(exchange.body);
  if (!parsed.ok) return errorAnswer(parsed.error);
  const list = parsed.value.list;
  if (!Array.isArray(list) || list.some((ssn) => typeof ssn !== 'string')) return errorAnswer(kivraError('40059', "'list' must be an array of strings"));
  return { kind: 'json', status: 200, body: { list: list.filter((ssn: string) => ctx.state.recipients.has(ssn)) } };
}
