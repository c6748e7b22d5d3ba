import type { KivraCall } from '../../workflows/kivra-failure.js';

/**
 * What a failed Kivra call means for the command (workflows/kivra-failure.ts): our
 * explanation and what to do; `answer` is Kivra's own answer, quoted as it came.
 */
export const kivra = {
  unreachable: (answer: string) => `Kivra could not be reached: ${answer}`,
  noAnswer: (answer: string) => `Kivra did not answer: ${answer}`,
  unavailable: (answer: string) => `Kivra is unavailable for now: ${answer}`,
  unreachableFix: 'Run the same command again when Kivra answers.',
  credentialsRejected: (answer: string) => `Kivra rejected the credentials: ${answer}`,
  credentialsRejectedFix: 'Check KIVRA_CLIENT_ID and KIVRA_CLIENT_SECRET (or the remembered credentials) for this environment.',
  tenantNotFound: (tenantKey: string, answer: string) => `Kivra does not know the tenant key ${tenantKey}, or these credentials may not use it: ${answer}`,
  tenantNotFoundFix: 'Correct it with payslips activate --tenant-key <key>, exactly as Kivra gave it, then test it with payslips activate --check.',
  doing: { tenant: 'read the tenant', usermatch: 'check mailboxes', content: 'send content' } satisfies Record<KivraCall, string>,
  forbidden: (doing: string, tenantKey: string, answer: string) => `Kivra does not let these credentials ${doing} for tenant ${tenantKey}: ${answer}`,
  forbiddenFix: 'Ask Kivra to give the client that permission for the tenant, and check the tenant key with payslips activate --check.',
  unexpected: (answer: string) => `Kivra gave an answer payslips cannot act on: ${answer}`,
  unexpectedFix: "Check the environment and API URL with payslips activate --check; if they are right, give Kivra's sender support the x-correlation-id.",
};
