import { z } from 'zod';
import { defineCommand } from './command.js';
import type { Context } from '../context.js';
import { parseOrgNumber } from '../domain/orgnumber.js';
import { orgNumberProblemText } from '../i18n/data.js';
import { isTenantKey, TENANT_KEY_FORM } from '../domain/tenant-key.js';
import { ExitCode, UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
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

const wholeNumber = (max: number) =>
  z
    .string()
    .refine((text) => /^\d+$/.test(text), { error: () => t().cli.optionProblem.wholeNumber })
    .transform(Number)
    .refine((n) => n <= max, { error: () => t().cli.optionProblem.atMost(String(max)) });

const kivraEmulatorOptionsSchema = z.object({
  port: wholeNumber(65_535).default(0),
  tenantKey: z
    .string()
    .refine(isTenantKey, TENANT_KEY_FORM)
    .default(LOCAL_TENANT_KEY),
  tenantName: z.string().trim().min(1).default('Emulated tenant'),
  orgNumber: z.string().optional(),
  clientId: z.string().refine((id) => /^[^:\s]+$/.test(id), { error: () => t().tools.emulator.noColon }).default('payslips-emulator'),
  clientSecret: z.string().min(1).optional(),
  recipients: z.string().optional(),
  duplicateControl: z.boolean().default(true),
  latency: wholeNumber(600_000).optional(),
  failEvery: wholeNumber(1_000_000).refine((n) => n >= 1, { error: () => t().cli.optionProblem.atLeast('1') }).optional(),
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
  ctx.terminal.info(stop === 'interrupt' ? t().tools.emulator.stoppedInterrupted : t().tools.emulator.stopped);
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
      throw new UsageError(t().tools.emulator.cannotListen(String(options.port), String(code)), {
        code: 'port_unavailable',
        suggestion: t().tools.emulator.cannotListenFix,
      });
    }
    throw error;
  }
}

/** One line per request; paths carry only the tenant key, never personal data. */
function describeRequest(entry: EmulatorRequestLog): string {
  const answer = entry.status === 'dropped' ? t().tools.emulator.dropped : `${entry.status}${entry.code ? ` ${entry.code}` : ''}`;
  return `${answer}  ${entry.method} ${entry.path}  (x-correlation-id ${entry.correlationId})`;
}

/** The labels of the started banner line up in a column of this width (both languages fit). */
const LABEL_WIDTH = 18;

function printStarted(ctx: Context, s: EmulatorStarted): void {
  const { terminal } = ctx;
  const words = t().tools.emulator;
  const label = (name: string): string => `  ${name.padEnd(LABEL_WIDTH)} `;
  terminal.success(words.listening(s.url));
  terminal.info(
    [
      `${label(words.labels.tenantKey)}${s.tenantKey}`,
      `${label(words.labels.tenant)}${s.tenantName}${s.orgNumbers.length > 0 ? ` (${s.orgNumbers.join(', ')})` : ''}`,
      `${label(words.labels.clientId)}${s.clientId}`,
      `${label(words.labels.clientSecret)}${s.clientSecret}   ${words.testCredential}`,
      `${label(words.labels.duplicateControl)}${s.duplicateControl ? words.duplicateOn : words.duplicateOff}`,
      `${label(words.labels.recipients)}${words.withMailbox(String(s.recipients))}`,
      '',
      words.pointACompany,
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
