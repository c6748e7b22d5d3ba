/** The built-in Kivra emulator: see server.ts. */
export { LOCAL_TENANT_KEY, startKivraEmulator, type KivraEmulator } from './server.js';
export { EMULATOR_ERROR_CODES, type EmulatorErrorCode } from './errors.js';
export type {
  EmulatorClient,
  EmulatorEndpoint,
  EmulatorFaults,
  EmulatorRequestLog,
  EmulatorTenant,
  FaultRule,
  FaultStatus,
  KivraEmulatorOptions,
} from './options.js';
export { isInMailbox, type ContentOutcome, type ContentRecord, type EmulatorState } from './state.js';
