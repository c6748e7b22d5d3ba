import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT } from './cli.js';

/** The newest modification time of any file under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  let latest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * The CLI tier runs `bin/payslips.js`, which runs dist/. A test of the built CLI after an
 * edit in src/ without a build would test the old code and pass or fail for the wrong
 * reason, so dist/ is rebuilt first whenever anything in src/ (or the TypeScript config) is
 * newer than everything in it.
 */
export default async function freshBuild(): Promise<void> {
  const source = Math.max(newest(join(REPO_ROOT, 'src')), statSync(join(REPO_ROOT, 'tsconfig.json')).mtimeMs);
  if (source <= newest(join(REPO_ROOT, 'dist'))) return;
  await execa('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
