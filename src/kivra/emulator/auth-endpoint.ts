import { isEmulatorError, kivraError } from './errors.js';
import { errorAnswer, type Answer, type EmulatorContext, type IncomingExchange } from './context.js';
import { authenticateClient, scopeFromRequest } from './tokens.js';

/** `POST /v1/auth`: OAuth2 client credentials with HTTP Basic (docs/kivra-api.md §2.1). */
export function handleAuth(ctx: EmulatorContext, exchange: IncomingExchange): Answer {
  if (ctx.faults.current.rejectAllCredentials) return errorAnswer(kivraError('40104'));
  const client = authenticateClient(exchange.headers, { clients: ctx.clients, acceptAnyCredentials: ctx.acceptAnyCredentials });
  if (isEmulatorError(client)) return errorAnswer(client);
  const contentType = exchange.headers['content-type'];
  if (contentType !== undefined && !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)) {
    return errorAnswer(kivraError('41500', 'send the form as application/x-www-form-urlencoded'));
  }
  if (exchange.overflow) return errorAnswer(kivraError('41300'));
  const form = new URLSearchParams(exchange.body.toString('utf8'));
  if (form.get('grant_type') !== 'client_credentials') return errorAnswer(kivraError('40001', 'grant_type must be client_credentials'));
  const scope = scopeFromRequest(form.get('scope'));
  if (isEmulatorError(scope)) return errorAnswer(scope);

  const tenantKeys = client.tenantKeys ? new Set(client.tenantKeys) : null;
  const lifetime = ctx.tokenLifetimeSeconds();
  const token = ctx.tokens.issue({ clientId: client.clientId, tenantKeys, scope }, lifetime);
  ctx.state.tokensIssued = ctx.tokens.issued;
  const visible = [...ctx.tenants.keys()].filter((key) => !tenantKeys || tenantKeys.has(key));
  return {
    kind: 'json',
    status: 200,
    headers: { 'cache-control': 'no-store' },
    body: {
      state: '',
      access_token: token,
      expires_in: lifetime,
      scope: form.get('scope') ?? visible.map((key) => `kivra.v1.tenant.${key}.*`).join(' '),
      token_type: 'bearer',
    },
  };
}
