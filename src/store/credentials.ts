import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { defaultConfigDir } from './paths.js';
import type { Environment } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { writeOwnerOnlyFile } from './owner-only-file.js';

/**
 * Kivra client credentials live outside the database: in `KIVRA_CLIENT_ID` /
 * `KIVRA_CLIENT_SECRET`, or in an owner-only file the wizard writes when asked to
 * remember them. The database never sees a secret.
 */
export interface Credentials {
  clientId: string;
  clientSecret: string;
  source: 'environment' | 'file';
}

const fileSchema = z.object({
  version: z.literal(1),
  companies: z.record(
    z.string(),
    z.partialRecord(z.enum(['production', 'sandbox']), z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) })),
  ),
});
type CredentialsFile = z.infer<typeof fileSchema>;

export function credentialsPath(env: NodeJS.ProcessEnv): string {
  return env.PAYSLIPS_CREDENTIALS || join(defaultConfigDir(env), 'credentials.json');
}

/**
 * The directory payslips makes for the credentials file, which should be owner-only too;
 * null when `PAYSLIPS_CREDENTIALS` puts the file in a directory the user chose (their home,
 * say), whose mode is not ours to judge.
 */
export function credentialsDirectory(env: NodeJS.ProcessEnv): string | null {
  return env.PAYSLIPS_CREDENTIALS ? null : defaultConfigDir(env);
}

/**
 * Environment variables win over the file, so a cron job can override what is remembered.
 * `warn` hears of a credentials file that others may read: it is still used, since a send
 * at month-end should not stop for it, but the user is told how to close it.
 */
export function findCredentials(
  env: NodeJS.ProcessEnv,
  orgNumber: string,
  environment: Environment,
  warn?: (text: string) => void,
): Credentials | undefined {
  if (environment === 'local') return undefined;
  if (env.KIVRA_CLIENT_ID && env.KIVRA_CLIENT_SECRET) {
    return { clientId: env.KIVRA_CLIENT_ID, clientSecret: env.KIVRA_CLIENT_SECRET, source: 'environment' };
  }
  const path = credentialsPath(env);
  const stored = readCredentialsFile(path).companies[orgNumber]?.[environment];
  const mode = warn && existsSync(path) ? statSync(path).mode & 0o777 : 0;
  if (warn && (mode & 0o077) !== 0) {
    warn(t().session.credentials.readable(path, mode.toString(8).padStart(3, '0')));
  }
  return stored && { clientId: stored.client_id, clientSecret: stored.client_secret, source: 'file' };
}

export function rememberCredentials(
  env: NodeJS.ProcessEnv,
  orgNumber: string,
  environment: Exclude<Environment, 'local'>,
  credentials: { clientId: string; clientSecret: string },
): string {
  const path = credentialsPath(env);
  const file = readCredentialsFile(path);
  file.companies[orgNumber] = {
    ...file.companies[orgNumber],
    [environment]: { client_id: credentials.clientId, client_secret: credentials.clientSecret },
  };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeOwnerOnlyFile(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}

function readCredentialsFile(path: string): CredentialsFile {
  if (!existsSync(path)) return { version: 1, companies: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    // JSON.parse quotes the text around the mistake, which here may be the secret:
    // say only where it is.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new UsageError(t().session.credentials.notJson(path, position ?? null), {
      code: 'credentials_unreadable',
      suggestion: t().session.credentials.notJsonFix,
    });
  }
  const result = fileSchema.safeParse(parsed);
  if (!result.success) {
    throw new UsageError(t().session.credentials.wrongFormat(path), {
      code: 'credentials_unreadable',
      details: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    });
  }
  return result.data;
}
