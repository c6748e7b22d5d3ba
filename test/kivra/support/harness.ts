import { createKivraClient, type KivraClient, type KivraClientEvent, type KivraClientOptions } from '../../../src/kivra/client.js';
import { startKivraEmulator, type KivraEmulator, type KivraEmulatorOptions } from '../../../src/kivra/emulator/index.js';
import { MAILBOX_SSN } from './payloads.js';

/** A real emulator on loopback and a real client pointed at it, as the CLI wires them. */

export const TENANT_KEY = '155748793356fa20e402ae472e51019cf723d7fe35';
export const CREDENTIALS = { clientId: 'contract-client', clientSecret: 'Zq08rF5fjQttd6fT-test-secret' };

export function startEmulator(options: KivraEmulatorOptions = {}): Promise<KivraEmulator> {
  return startKivraEmulator({
    clients: [CREDENTIALS],
    tenants: [{ key: TENANT_KEY, name: 'Exempel AB', companyIds: [{ name: 'Exempel AB', orgnr: 'SE556677889901' }] }],
    recipients: [MAILBOX_SSN],
    ...options,
  });
}

export interface TestClient {
  client: KivraClient;
  /** Every backoff or Retry-After wait the client asked for, in order; none is really waited. */
  sleeps: number[];
  events: KivraClientEvent[];
}

export function connectClient(baseUrl: string, overrides: Partial<KivraClientOptions> = {}): TestClient {
  const sleeps: number[] = [];
  const events: KivraClientEvent[] = [];
  const client = createKivraClient({
    baseUrl,
    ...CREDENTIALS,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { client, sleeps, events };
}
