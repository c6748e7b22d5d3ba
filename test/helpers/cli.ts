import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Result } from 'execa';

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
/** Third-party files kept unchanged in the repository (Kivra's API description, test personnummer); see its README. */
export const VENDOR_DIR = join(REPO_ROOT, 'src', 'vendor');
export const BIN = join(REPO_ROOT, 'bin', 'payslips.js');

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  timeout?: number;
  /** Working directory of the run; the repository root when left out. */
  cwd?: string;
}

export interface Sandbox {
  dir: string;
  dbPath: string;
  env: Record<string, string>;
  run(args: string[], options?: RunOptions): Promise<Result>;
  /** Parses stdout of a `--json` run. */
  json<T = Record<string, any>>(result: Result): T;
  cleanup(): void;
}

/**
 * A throw-away home for one test: its own database, config and data directories, and an
 * environment with nothing inherited but PATH, so a developer's KIVRA_* never leaks in.
 */
export function createSandbox(operator = 'anna'): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'payslips-test-'));
  const dbPath = join(dir, 'data', 'payslips.db');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    NO_COLOR: '1',
    PAYSLIPS_DB: dbPath,
    PAYSLIPS_USER: operator,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_HOME: join(dir, 'share'),
    TZ: 'Europe/Stockholm',
  };
  return {
    dir,
    dbPath,
    env,
    run: (args, options = {}) =>
      execa('node', [BIN, ...args], {
        env: { ...env, ...options.env },
        extendEnv: false,
        input: options.input ?? '',
        reject: false,
        timeout: options.timeout ?? 20_000,
        ...(options.cwd ? { cwd: options.cwd } : {}),
      }),
    json: (result) => JSON.parse(String(result.stdout)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
