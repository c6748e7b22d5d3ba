import { chmodSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Sandbox } from '../helpers/cli.js';
import { CLIENT, localMonthEnd, ORG, remoteMonthEnd } from '../helpers/month-end.js';

/**
 * What SECURITY.md promises about files others could read, checked where it matters:
 * `payslips doctor` finds every file it knows of that is not owner-only (the credentials
 * file, print batches, CSV logs) and `--fix` closes them; a loose credentials file is
 * still used, with a warning that says how to close it.
 */

let sb: (Sandbox & { cleanup(): void }) | undefined;
afterEach(() => {
  sb?.cleanup();
  sb = undefined;
});

type Finding = { code: string; severity: string; message: string; fix: string; fixed: boolean };
const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

function writeCredentials(path: string, fileMode: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ version: 1, companies: { [ORG]: { sandbox: { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret } } } }));
  chmodSync(path, fileMode);
}

describe('payslips doctor and files others may read', () => {
  test('the credentials file and its directory, the print directory, print batches and CSV logs: each named with its mode and fix; --fix closes them', async () => {
    const s = await localMonthEnd();
    sb = s;
    const sent = await s.run(['send', '--date', '2025-11-25', '--yes', '--json']);
    expect(sent.exitCode, String(sent.stderr)).toBe(3);
    const { pdfPath, manifestPath } = s.json(sent).printBatches[0] as { pdfPath: string; manifestPath: string };
    const csvLog = join(s.dir, 'utskick-1.csv');
    expect((await s.run(['log', '1', '--csv', csvLog])).exitCode).toBe(0);
    expect((await s.run(['log', '1', '--csv', join(s.dir, 'removed-later.csv')])).exitCode).toBe(0);

    // The audit trail says which file was written, for which job, and nothing else.
    const audit = s.json(await s.run(['log', '--audit', '--json'])).audit as Array<{ action: string; details: Record<string, unknown> }>;
    expect(audit.filter((e) => e.action === 'log.csv').map((e) => e.details)).toEqual([
      { jobId: 1, path: join(s.dir, 'removed-later.csv') },
      { jobId: 1, path: csvLog },
    ]);

    expect((await s.run(['doctor'])).exitCode).toBe(0);

    const credentials = join(s.env.XDG_CONFIG_HOME!, 'payslips', 'credentials.json');
    writeCredentials(credentials, 0o644);
    chmodSync(dirname(credentials), 0o755);
    const printDir = dirname(pdfPath);
    chmodSync(printDir, 0o750);
    chmodSync(pdfPath, 0o644);
    chmodSync(manifestPath, 0o640);
    chmodSync(csvLog, 0o604);
    // A CSV log since deleted is no problem.
    rmSync(join(s.dir, 'removed-later.csv'));

    const loose: Array<[string, string, string]> = [
      [dirname(credentials), '755', '700'],
      [credentials, '644', '600'],
      [printDir, '750', '700'],
      [pdfPath, '644', '600'],
      [manifestPath, '640', '600'],
      [csvLog, '604', '600'],
    ];
    const r = await s.run(['doctor', '--json']);
    expect(r.exitCode).toBe(3);
    const found = (s.json(r).findings as Finding[]).filter((f) => f.code === 'file_permissions');
    expect(found).toHaveLength(loose.length);
    for (const [path, was, wanted] of loose) {
      const finding = found.find((f) => f.message.includes(`${path} (mode ${was})`));
      expect(finding, path).toMatchObject({ severity: 'problem', fixed: false, fix: `chmod ${wanted} ${path} (payslips doctor --fix does it).` });
    }
    expect(found.find((f) => f.message.includes(credentials))!.message).toContain('Kivra client secrets');
    expect(found.find((f) => f.message.includes(csvLog))!.message).toContain('full personnummer');

    const human = await s.run(['doctor']);
    expect(human.exitCode).toBe(3);
    expect(human.stdout).toContain(`✘ Other users may read ${credentials} (mode 644), which holds Kivra client secrets.`);
    expect(human.stdout).toContain(`fix: chmod 600 ${credentials} (payslips doctor --fix does it).`);
    expect(human.stdout).toContain('6 problems found.');

    const fixed = await s.run(['doctor', '--fix']);
    expect(fixed.exitCode, String(fixed.stdout)).toBe(0);
    for (const [path, , wanted] of loose) expect(mode(path), path).toBe(wanted);
    const again = await s.run(['doctor']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('✔ credentials file permissions');
    expect(again.stdout).toContain('✔ print batch permissions');
    expect(again.stdout).toContain('✔ CSV log permissions');
    expect(again.stdout).toContain('No problems found.');
  });

  test('a credentials file the user placed (PAYSLIPS_CREDENTIALS): the file is checked, the directory is theirs', async () => {
    const s = await localMonthEnd();
    sb = s;
    const credentials = join(s.dir, 'home-dir', 'kivra.json');
    writeCredentials(credentials, 0o600);
    chmodSync(dirname(credentials), 0o755);
    const env = { PAYSLIPS_CREDENTIALS: credentials };
    expect((await s.run(['doctor'], { env })).exitCode).toBe(0);
    chmodSync(credentials, 0o640);
    const r = await s.run(['doctor', '--json'], { env });
    expect(r.exitCode).toBe(3);
    expect((s.json(r).findings as Finding[]).map((f) => f.message)).toEqual([`Other users may read ${credentials} (mode 640), which holds Kivra client secrets.`]);
    expect((await s.run(['doctor', '--fix'], { env })).exitCode).toBe(0);
    expect([mode(credentials), mode(dirname(credentials))]).toEqual(['600', '755']);
  });
});

describe('using a credentials file others may read', () => {
  test('works, with a warning on stderr that names the file and the fix; none when it is owner-only', async () => {
    const s = await remoteMonthEnd();
    sb = s;
    const credentials = join(s.env.XDG_CONFIG_HOME!, 'payslips', 'credentials.json');
    writeCredentials(credentials, 0o644);
    const fromFile = { KIVRA_CLIENT_ID: undefined, KIVRA_CLIENT_SECRET: undefined };

    const check = await s.run(['activate', '--check', '--json'], { env: fromFile });
    expect(check.exitCode, String(check.stderr)).toBe(0);
    const warning = `warning: Other users may read the credentials file ${credentials} (mode 644), which holds Kivra client secrets. Make it owner-only: chmod 600 ${credentials}`;
    expect(check.stderr).toContain(warning);
    expect(String(check.stderr)).not.toContain(CLIENT.clientSecret);
    const sync = await s.run(['sync', '--from', s.payrollPath], { env: fromFile });
    expect(sync.exitCode, String(sync.stderr)).toBe(0);
    expect(sync.stderr).toContain(warning);

    chmodSync(credentials, 0o600);
    const quiet = await s.run(['activate', '--check'], { env: fromFile });
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stderr).not.toContain('warning: Other users may read');
  });
});
