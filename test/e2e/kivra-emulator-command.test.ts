import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { createKivraClient } from '../../src/kivra/client.js';
import { BIN, createSandbox, type Sandbox } from '../helpers/cli.js';
import { payslipPayload } from '../kivra/support/payloads.js';

/**
 * `payslips kivra-emulator` as a user runs it: the built CLI in the foreground, its
 * connection details read from --json, a client and the CLI itself talking to it, and
 * the two ways it is stopped.
 */

interface Started {
  url: string;
  port: number;
  tenantKey: string;
  clientId: string;
  clientSecret: string;
  duplicateControl: boolean;
  recipients: number;
}

let sb: Sandbox | undefined;
let running: ResultPromise | undefined;
afterEach(async () => {
  if (running && running.exitCode === null) running.kill('SIGKILL');
  await running?.catch(() => undefined);
  running = undefined;
  sb?.cleanup();
  sb = undefined;
});

function start(args: string[]): ResultPromise {
  sb ??= createSandbox();
  running = execa('node', [BIN, 'kivra-emulator', ...args], { env: sb.env, extendEnv: false, reject: false, timeout: 30_000 });
  return running;
}

/** The --json document, printed once the emulator listens. */
function started(process: ResultPromise): Promise<Started> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      try {
        resolve(JSON.parse(text) as Started);
      } catch {
        // Not complete yet.
      }
    });
    process.once('exit', () => reject(new Error(`the emulator exited before it listened: ${text}`)));
  });
}

const writeRecipients = (name: string, content: string): string => {
  sb ??= createSandbox();
  const path = join(sb.dir, name);
  writeFileSync(path, content);
  return path;
};

describe('payslips kivra-emulator', () => {
  test('prints where it listens and its test credentials, serves recipients with duplicate control, stops on Ctrl+C with 130', async () => {
    const recipients = writeRecipients('recipients.json', JSON.stringify({ list: ['191212121212', '198005112381'] }));
    const emulator = start(['--json', '--org-number', '556677-8899', '--tenant-name', 'Exempel AB', '--recipients', recipients]);
    const info = await started(emulator);
    expect(info).toMatchObject({ tenantKey: expect.stringMatching(/^[0-9a-f]{42}$/), clientId: 'payslips-emulator', duplicateControl: true, recipients: 2 });
    expect(info.url).toBe(`http://127.0.0.1:${info.port}`);
    expect(info.clientSecret).toMatch(/^[A-Za-z0-9]{32}$/);

    const client = createKivraClient({ baseUrl: info.url, clientId: info.clientId, clientSecret: info.clientSecret, retry: { retries: 0 } });
    try {
      expect(await client.matchUsers(info.tenantKey, ['191212121212', '197701032380'])).toEqual(new Set(['191212121212']));
      const body = await payslipPayload({ contentType: 'salaryslip', retentionDays: 390 });
      const first = await client.sendContent(info.tenantKey, body);
      const again = await client.sendContent(info.tenantKey, body);
      expect(again.contentKey).toBe(first.contentKey);
    } finally {
      client.close();
    }

    // The CLI itself, pointed at it as the README's "try it" lines say.
    const created = await sb!.run(['activate', '--org-number', '556677-8899', '--name', 'Exempel AB', '--environment', 'sandbox', '--api-url', info.url, '--tenant-key', info.tenantKey]);
    expect(created.exitCode).toBe(0);
    const check = await sb!.run(['activate', '--check', '--json'], { env: { KIVRA_CLIENT_ID: info.clientId, KIVRA_CLIENT_SECRET: info.clientSecret } });
    expect(check.exitCode).toBe(0);
    expect(sb!.json(check)).toMatchObject({ tenantName: 'Exempel AB', matchesCompany: true });
    const refused = await sb!.run(['activate', '--check', '--json'], { env: { KIVRA_CLIENT_ID: info.clientId, KIVRA_CLIENT_SECRET: 'guessed' } });
    expect(refused.exitCode).toBe(5);

    emulator.kill('SIGINT');
    const result = await emulator;
    expect(result.exitCode).toBe(130);
    // One JSON document on stdout, nothing after it; the request log went to stderr.
    expect(JSON.parse(String(result.stdout))).toEqual(info);
    expect(result.stderr).toContain(`201  POST /v2/tenant/${info.tenantKey}/content`);
    expect(result.stderr).toContain('401 40104  POST /v1/auth');
    expect(result.stderr).toContain('Kivra emulator stopped (interrupted).');
    expect(result.stderr).not.toContain('191212121212');
  });

  test('human output on stderr; --no-duplicate-control delivers a resend again; SIGTERM stops it with 0', async () => {
    const emulator = start(['--no-duplicate-control', '--client-secret', 'my-own-secret']);
    const stderr: string[] = [];
    const url = await new Promise<string>((resolve) => {
      emulator.stderr!.on('data', (chunk: Buffer) => {
        stderr.push(chunk.toString('utf8'));
        // The banner ends with the "try it" lines.
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*activate --check/.exec(stderr.join(''));
        if (match) resolve(match[1]!);
      });
    });
    const text = stderr.join('');
    expect(text).toContain('client secret      my-own-secret');
    expect(text).toContain('duplicate control  off, as in the sandbox');
    const tenantKey = /tenant key\s+([0-9a-f]{42})/.exec(text)![1]!;

    const client = createKivraClient({ baseUrl: url, clientId: 'payslips-emulator', clientSecret: 'my-own-secret', retry: { retries: 0 } });
    try {
      const body = await payslipPayload({ contentType: 'letter.salary', retentionDays: 30 });
      const first = await client.sendContent(tenantKey, body);
      const again = await client.sendContent(tenantKey, body);
      expect(again.contentKey).not.toBe(first.contentKey);
      expect(again.retained).toBe(true);
    } finally {
      client.close();
    }
    emulator.kill('SIGTERM');
    const result = await emulator;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Kivra emulator stopped.');
  });

  test('an invalid recipients file exits 2 naming file, line and entry, and nothing listens', async () => {
    const path = writeRecipients('bad.json', '{\n  "list": [\n    "191212121212",\n    "191212121213",\n    "12"\n  ]\n}\n');
    const result = await start(['--json', '--recipients', path]);
    expect(result.exitCode).toBe(2);
    const error = JSON.parse(String(result.stdout)).error;
    expect(error.code).toBe('invalid_recipients');
    expect(error.details).toEqual([
      `${path}:4: list[1]: "191212121213" is not a 12-digit personnummer with a valid check digit`,
      `${path}:5: list[2]: "12" is not a 12-digit personnummer with a valid check digit`,
    ]);
  });

  test('bad options and a port in use are usage errors (exit 2)', async () => {
    const first = start(['--json']);
    const info = await started(first);
    const taken = await execa('node', [BIN, 'kivra-emulator', '--json', '--port', String(info.port)], { env: sb!.env, extendEnv: false, reject: false, timeout: 20_000 });
    expect(taken.exitCode).toBe(2);
    expect(JSON.parse(String(taken.stdout)).error.code).toBe('port_unavailable');
    // In Swedish too, naming the port and the way out.
    const takenSv = await sb!.run(['kivra-emulator', '--lang', 'sv', '--port', String(info.port)]);
    expect(takenSv.exitCode).toBe(2);
    expect(String(takenSv.stderr)).toContain(`fel: --port ${info.port}: kan inte lyssna på 127.0.0.1:${info.port} (EADDRINUSE).`);
    expect(String(takenSv.stderr)).toContain('Välj en annan --port, eller --port 0 för vilken ledig som helst.');
    const badPort = await sb!.run(['kivra-emulator', '--lang', 'sv', '--port', 'åtta']);
    expect(badPort.exitCode).toBe(2);
    expect(String(badPort.stderr)).toContain('fel: --port: måste vara ett heltal');
    const badKey = await sb!.run(['kivra-emulator', '--json', '--tenant-key', 'nope']);
    expect(badKey.exitCode).toBe(2);
    expect(JSON.parse(String(badKey.stdout)).error.code).toBe('invalid_option');
    first.kill('SIGTERM');
    expect((await first).exitCode).toBe(0);
  });
});
