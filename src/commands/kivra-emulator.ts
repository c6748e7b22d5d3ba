import { z } from 'zod';
import { defineCommand } from './command.js';
import type { Context } from '../context.js';
import { parseOrgNumber } from '../domain/orgnumber.js';
import { orgNumberProblemText } from '../i18n/data.js';
import { isTenantKey, TENANT_KEY_FORM } from '../domain/tenant-key.js';
import { ExitCode, UsageError } from '../errors.js';
import { newAccessToken } from '../kivra/emulator/ids.js';
import { LOCAL_TENANT_KEY } from '../kivra/emulator/local-tenant.js';
import { readRecipientsFile } from '../kivra/emulator/recipients-file.js';
import { startKivraEmulator, type EmulatorRequestLog, type KivraEmulator } from '../kivra/emulator/index.js';
import { toVatNumber } from '../domain/format.js';

/**
 * `payslips kivra-emulator`: the built-in Kivra emulator in the foreground on 127.0.0.1,
 * for trying the sandbox workflow by hand (`activate --api-url … --environment sandbox`).
 * Unlike the `local` environment it checks client credentials, so a wrong secret is
 * refused as Kivra would refuse it. Runs until Ctrl+C (exit 130) or SIGTERM (exit 0).
 */

const wholeNumber = (what: string, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${what} must be a whole number`)
    .transform(Number)
    .refine((n) => n <= max, `${what} must be at most ${max}`);

const kivraEmulatorOptionsSchema = z.object({
  port: wholeNumber('--port', 65_535).default(0),
  tenantKey: z
    .string()
    .refine(isTenantKey, TENANT_KEY_FORM)
    .default(LOCAL_TENANT_KEY),
  tenantName: z.string().trim().min(1, 'must not be empty').default('Emulated tenant'),
  orgNumber: z.string().optional(),
  clientId: z.string().regex(/^[^:\s]+$/, 'no colon or whitespace').default('payslips-emulator'),
  clientSecret: z.string().min(1, 'must not be empty').optional(),
  recipients: z.string().optional(),
  duplicateControl: z.boolean().default(true),
  latency: wholeNumber('--latency', 600_000).optional(),
  failEvery: wholeNumber('--fail-every', 1_000_000).refine((n) => n >= 1, '--fail-every must be at least 1').optional(),
});
export type KivraEmulatorOptions = z.infer<typeof kivraEmulatorOptionsSchema>;

/** What `--json` prints once the emulator listens: everything a client needs to connect. */
interface EmulatorStarted {
  url: string;
  port: number;
  tenantKey: string;
  tenantName: string;
  orgNumbers: string[];
  clientId: string;
  clientSecret: string;
  duplicateControl: boolean;
  recipients: number;
}

export const command = defineCommand(kivraEmulatorOptionsSchema, async (ctx, options) => {
  const orgNumbers = options.orgNumber === undefined ? [] : [vatNumberOption(options.orgNumber)];
  const recipients = options.recipients === undefined ? [] : readRecipientsFile(options.recipients, '--recipients');
  // A fresh secret per run, unless one is given: it proves the client really sends it.
  const clientSecret = options.clientSecret ?? newAccessToken();

  const emulator = await listen(ctx, options, { orgNumbers, recipients, clientSecret });
  const started: EmulatorStarted = {
    url: emulator.url,
    port: emulator.port,
    tenantKey: options.tenantKey,
    tenantName: options.tenantName,
    orgNumbers,
    clientId: options.clientId,
    clientSecret,
    duplicateControl: options.duplicateControl,
    recipients: emulator.state.recipients.size,
  };
  // Printed now rather than on exit: a script reads the port while the emulator runs.
  if (ctx.json) ctx.terminal.stdout(`${JSON.stringify(started, null, 2)}\n`);
  else printStarted(ctx, started);

  const stop = await untilStopped(ctx.signal);
  await emulator.close();
  ctx.terminal.info(stop === 'interrupt' ? 'Kivra emulator stopped (interrupted).' : 'Kivra emulator stopped.');
  return { json: started, raw: true, exitCode: stop === 'interrupt' ? ExitCode.interrupted : ExitCode.ok };
});

function vatNumberOption(input: string): string {
  const org = parseOrgNumber(input);
  if (!org.ok) throw new UsageError(`--org-number: "${input}" is ${orgNumberProblemText(org.reason)}.`, { code: 'invalid_option' });
  return toVatNumber(org.value);
}

async function listen(
  ctx: Context,
  options: KivraEmulatorOptions,
  extra: { orgNumbers: string[]; recipients: string[]; clientSecret: string },
): Promise<KivraEmulator> {
  try {
    return await startKivraEmulator({
      port: options.port,
      clients: [{ clientId: options.clientId, clientSecret: extra.clientSecret }],
      tenants: [{ key: options.tenantKey, name: options.tenantName, companyIds: extra.orgNumbers.map((orgnr) => ({ name: options.tenantName, orgnr })) }],
      recipients: extra.recipients,
      duplicateControl: options.duplicateControl ? 'production' : 'sandbox',
      faults: {
        ...(options.latency === undefined ? {} : { latencyMs: options.latency }),
        ...(options.failEvery === undefined ? {} : { failEvery: { every: options.failEvery, status: 503 } }),
      },
      onRequest: (entry) => ctx.terminal.info(describeRequest(entry)),
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new UsageError(`--port ${options.port}: cannot listen on 127.0.0.1:${options.port} (${String(code)}).`, {
        code: 'port_unavailable',
        suggestion: 'Choose another --port, or --port 0 for any free one.',
      });
    }
    throw error;
  }
}

/** One line per request; paths carry only the tenant key, never personal data. */
function describeRequest(entry: EmulatorRequestLog): string {
  const answer = entry.status === 'dropped' ? 'dropped' : `${entry.status}${entry.code ? ` ${entry.code}` : ''}`;
  return `${answer}  ${entry.method} ${entry.path}  (x-correlation-id ${entry.correlationId})`;
}

function printStarted(ctx: Context, s: EmulatorStarted): void {
  const { terminal } = ctx;
  terminal.success(`Kivra emulator listening on ${s.url} (Ctrl+C to stop)`);
  terminal.info(
    [
      `  tenant key         ${s.tenantKey}`,
      `  tenant             ${s.tenantName}${s.orgNumbers.length > 0 ? ` (${s.orgNumbers.join(', ')})` : ''}`,
      `  client id          ${s.clientId}`,
      `  client secret      ${s.clientSecret}   (a test credential of this emulator only)`,
      `  duplicate control  ${s.duplicateControl ? 'on, as in production' : 'off, as in the sandbox'}`,
      `  recipients         ${s.recipients} with a mailbox`,
      '',
      'Point a company at it:',
      `  export KIVRA_CLIENT_ID=${s.clientId} KIVRA_CLIENT_SECRET=${s.clientSecret}`,
      `  payslips activate --environment sandbox --api-url ${s.url} --tenant-key ${s.tenantKey}`,
      '  payslips activate --check',
      '',
    ].join('\n'),
  );
}

/** Ctrl+C arrives as the CLI's abort signal; SIGTERM is a service manager's normal stop. */
function untilStopped(signal: AbortSignal): Promise<'interrupt' | 'terminate'> {
  return new Promise((resolve) => {
    const onTerminate = (): void => {
      signal.removeEventListener('abort', onInterrupt);
      resolve('terminate');
    };
    const onInterrupt = (): void => {
      process.off('SIGTERM', onTerminate);
      resolve('interrupt');
    };
    if (signal.aborted) {
      resolve('interrupt');
      return;
    }
    signal.addEventListener('abort', onInterrupt, { once: true });
    process.once('SIGTERM', onTerminate);
  });
}
