import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where payslips keeps its files when no option or environment variable says otherwise. */

/** Per-user data directory: XDG on Linux, the platform's usual place elsewhere. */
function defaultDataDir(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'payslips');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'payslips');
  return join(nonEmpty(env.XDG_DATA_HOME) ?? join(homedir(), '.local', 'share'), 'payslips');
}

export function defaultConfigDir(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'payslips');
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'payslips');
  return join(nonEmpty(env.XDG_CONFIG_HOME) ?? join(homedir(), '.config'), 'payslips');
}

export function defaultDatabasePath(env: NodeJS.ProcessEnv): string {
  return join(defaultDataDir(env), 'payslips.db');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
