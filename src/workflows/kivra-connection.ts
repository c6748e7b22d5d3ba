import { dirname, join } from 'node:path';
import type { Context } from '../context.js';
import type { Company } from '../domain/types.js';
import { RefusedError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { resolveBaseUrl } from '../kivra/api-url.js';
import { createKivraClient, type KivraClient } from '../kivra/client.js';
import type { RetryPolicy } from '../kivra/retry.js';
import { readRecipientsFile } from '../kivra/emulator/recipients-file.js';
import { startLocalKivra } from '../kivra/local.js';
import { findCredentials } from '../store/credentials.js';

export interface KivraConnection {
  client: KivraClient;
  tenantKey: string;
  /** Where requests go, for messages (never with credentials). */
  baseUrl: string;
  /** The built-in emulator runs in this process (environment `local`). */
  local: boolean;
  close(): Promise<void>;
}

/**
 * Connects to the company's Kivra environment. `local` without an API URL starts the
 * built-in emulator in this process on loopback, with its state (who has a mailbox, what
 * was delivered, for duplicate control) in a file beside the database, so separate runs
 * see one consistent Kivra.
 */
export async function connectKivra(ctx: Context, company: Company, options: { timeoutMs?: number; retry?: Partial<RetryPolicy> } = {}): Promise<KivraConnection> {
  const settings = company.settings;
  const baseUrl = resolveBaseUrl(settings.environment, settings.apiUrl);
  if (baseUrl === null) {
    const local = await startLocalKivra({
      stateFile: join(dirname(ctx.dbPath), 'kivra-local', `${company.orgNumber}.json`),
      tenantKey: settings.tenantKey ?? undefined,
      tenantName: company.name,
      orgNumber: company.orgNumber,
      ...(ctx.env.PAYSLIPS_LOCAL_RECIPIENTS ? { recipients: readRecipientsFile(ctx.env.PAYSLIPS_LOCAL_RECIPIENTS, 'PAYSLIPS_LOCAL_RECIPIENTS') } : {}),
    });
    const client = createKivraClient({ baseUrl: local.baseUrl, ...local.credentials, timeoutMs: options.timeoutMs, retry: options.retry });
    return {
      client,
      tenantKey: local.tenantKey,
      baseUrl: local.baseUrl,
      local: true,
      close: async () => {
        client.close();
        await local.close();
      },
    };
  }
  const credentials = findCredentials(ctx.env, company.orgNumber, settings.environment, (text) => ctx.terminal.warn(text));
  if (!credentials) {
    throw new RefusedError('credentials_missing', t().session.kivra.credentialsMissing(t().common.environment[settings.environment]), {
      suggestion: t().session.kivra.credentialsMissingFix,
    });
  }
  if (!settings.tenantKey) {
    throw new RefusedError('tenant_key_missing', t().session.kivra.tenantKeyMissing, { suggestion: t().readiness.fix.tenant_key_missing });
  }
  const client = createKivraClient({ baseUrl, clientId: credentials.clientId, clientSecret: credentials.clientSecret, timeoutMs: options.timeoutMs, retry: options.retry });
  return { client, tenantKey: settings.tenantKey, baseUrl, local: false, close: async () => client.close() };
}
