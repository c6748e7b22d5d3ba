import { toVatNumber } from '../domain/format.js';
import { startKivraEmulator, type KivraEmulator } from './emulator/server.js';
import { LOCAL_TENANT_KEY } from './emulator/local-tenant.js';

export { LOCAL_TENANT_KEY } from './emulator/local-tenant.js';

/**
 * The `local` environment: the emulator started in-process for one CLI run, with its
 * memory in a state file so duplicate control and retained content survive between
 * runs, as they would at Kivra.
 */

/** Credentials for the client; the local emulator accepts any. */
const LOCAL_CREDENTIALS = { clientId: 'local', clientSecret: 'local' } as const;

interface LocalKivraOptions {
  stateFile: string;
  /** The company's configured tenant key, if any; else LOCAL_TENANT_KEY. */
  tenantKey?: string | undefined;
  tenantName?: string;
  /** Ten digits; Kivra shows it in VAT form (`SE…01`). */
  orgNumber?: string;
  /** SSNs that have a mailbox, added to those the state file remembers. */
  recipients?: Iterable<string>;
}

export interface LocalKivra {
  emulator: KivraEmulator;
  baseUrl: string;
  tenantKey: string;
  credentials: { clientId: string; clientSecret: string };
  close(): Promise<void>;
}

export async function startLocalKivra(options: LocalKivraOptions): Promise<LocalKivra> {
  const tenantKey = options.tenantKey ?? LOCAL_TENANT_KEY;
  const name = options.tenantName ?? 'Local test tenant';
  const emulator = await startKivraEmulator({
    acceptAnyCredentials: true,
    tenants: [{ key: tenantKey, name, companyIds: options.orgNumber ? [{ name, orgnr: toVatNumber(options.orgNumber) }] : [] }],
    ...(options.recipients ? { recipients: options.recipients } : {}),
    duplicateControl: 'production',
    stateFile: options.stateFile,
  });
  return { emulator, baseUrl: emulator.url, tenantKey, credentials: { ...LOCAL_CREDENTIALS }, close: () => emulator.close() };
}
