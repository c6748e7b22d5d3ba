import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKivraEmulator, type KivraEmulator } from '../../src/kivra/emulator/index.js';
import { BIN, createSandbox, REPO_ROOT, type Sandbox } from '../helpers/cli.js';
import { countImages, readFonts, readPages } from '../render/pdf-inspect.js';
import { logoPng, noisePng } from '../render/png.js';

/**
 * `payslips preview` end to end: the built CLI against a Kivra emulator on loopback, on the
 * bundled sample company. The point of preview is that it shows the bytes a send delivers,
 * so the main checks compare preview output with what the emulator received.
 */

const TENANT = '155748793356fa20e402ae472e51019cf723d7fe35';
const CREDENTIALS = { KIVRA_CLIENT_ID: 'payslips-e2e', KIVRA_CLIENT_SECRET: 'e2e-secret-not-real' };
const FIXTURES = join(REPO_ROOT, 'fixtures');
const RECIPIENTS = (JSON.parse(readFileSync(join(FIXTURES, 'kivra-recipients.json'), 'utf8')) as { list: string[] }).list;

let kivra: KivraEmulator;
beforeAll(async () => {
  kivra = await startKivraEmulator({
    clients: [{ clientId: CREDENTIALS.KIVRA_CLIENT_ID, clientSecret: CREDENTIALS.KIVRA_CLIENT_SECRET }],
    tenants: [{ key: TENANT, name: 'Ekbacken Bygg & Måleri AB', companyIds: [{ name: 'Ekbacken Bygg & Måleri AB', orgnr: 'SE556677889901' }] }],
    recipients: RECIPIENTS,
  });
});
afterAll(() => kivra?.close());

/** A sandbox with the sample company activated against the emulator and its payroll imported. */
async function sampleCompany(): Promise<Sandbox> {
  const sb = createSandbox();
  Object.assign(sb.env, CREDENTIALS);
  const activated = await sb.run([
    'activate', '--org-number', '556677-8899', '--name', 'Ekbacken Bygg & Måleri AB', '--licence', 'on', '--environment', 'sandbox',
    '--api-url', kivra.url, '--tenant-key', TENANT, '--retention-days', '390', '--send-payslips', 'on', '--print', 'on', '--active', 'on',
    '--apply-to-employees', 'no',
  ]);
  expect(activated.exitCode, String(activated.stderr)).toBe(0);
  const synced = await sb.run(['sync', '--from', join(FIXTURES, 'payroll.json')]);
  expect(synced.exitCode, String(synced.stderr)).toBe(0);
  return sb;
}

/** Runs the CLI and keeps stdout as bytes (a PDF on stdout is not text). */
function runBytes(sb: Sandbox, args: string[], env: Record<string, string> = {}) {
  return execa('node', [BIN, ...args], { env: { ...sb.env, ...env }, extendEnv: false, input: '', reject: false, timeout: 20_000, encoding: 'buffer' });
}

/** The PDF part of what the emulator accepted for this personnummer, byte for byte. */
function deliveredPdf(ssn: string): Buffer {
  const record = kivra.state.contents.filter((c) => c.ssn === ssn).at(-1);
  expect(record?.body, `nothing delivered to ${ssn}`).toBeTruthy();
  const body = JSON.parse(record!.body!.toString('utf8')) as { parts: Array<{ data: string }> };
  return Buffer.from(body.parts[0]!.data, 'base64');
}

describe('preview on the sample company', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await sampleCompany();
  });
  afterAll(() => sb?.cleanup());

  test('writes the payslip owner-only and says where; the bytes are the ones send delivers to Kivra', async () => {
    const file = join(sb.dir, 'asa.pdf');
    const r = await sb.run(['preview', '1001', '--date', '2025-11-25', '--out', file]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Wrote the Kivra payslip of 1001 Åsa Ekström (19800511-****), pay run 2025-11 (final, payout 2025-11-25) to ${file} (1 page,`);
    expect(r.stderr).toContain('A send with the same date and status would: kivra (has a Kivra mailbox).');
    expect(r.stderr).toMatch(/Kivra payload \(salaryslip\): \d+ kB of Kivra's 1 000 kB limit\./);
    expect(r.stderr).not.toContain('19800511-2381');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const previewed = readFileSync(file);

    // Another process, another time zone, to stdout: the same bytes.
    const again = await runBytes(sb, ['preview', '1001', '--date', 'latest', '--out', '-'], { TZ: 'America/Los_Angeles' });
    expect(again.exitCode).toBe(0);
    expect(Buffer.from(again.stdout).equals(previewed)).toBe(true);

    const sent = await sb.run(['send', '--date', '2025-11-25', '--employees', '1001', '--yes']);
    expect(sent.exitCode, String(sent.stderr)).toBe(0);
    expect(deliveredPdf('198005112381').equals(previewed)).toBe(true);

    const text = (await readPages(previewed)).map((p) => p.text).join(' ');
    expect(text).toContain('Ekbacken Bygg & Måleri AB');
    expect(text).toContain('Åsa Ekström');
    expect(text).toContain('19800511-2381');
  });

  test('--json describes the rendered file, with the personnummer in full; a 60-line payslip has several pages', async () => {
    const file = join(sb.dir, 'jorgen.pdf');
    const r = await sb.run(['preview', '8306092399', '--date', '2025-11-25', '--out', file, '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const out = sb.json(r);
    expect(out).toMatchObject({
      file,
      variant: 'kivra',
      pages: 3,
      kivraFileName: 'lonespecifikation-2025-11.pdf',
      employee: { employeeNumber: '1002', name: 'Jörgen Öberg', personnummer: '198306092399' },
      payRun: { id: '2025-11', payoutDate: '2025-11-25', status: 'final' },
      plannedChannel: 'kivra',
      payload: { ok: true, type: 'salaryslip', limitBytes: 1_000_000 },
    });
    expect(out.bytes).toBe(statSync(file).size);
    const pages = await readPages(readFileSync(file));
    expect(pages).toHaveLength(3);
    for (const page of pages) expect(page.text).toContain('Jörgen Öberg');
  });

  test('--print renders the print-batch variant; without --out it lands in the current directory', async () => {
    const r = await execa('node', [BIN, 'preview', '1003', '--date', '2025-11-25', '--print'], { cwd: sb.dir, env: sb.env, extendEnv: false, reject: false, input: '' });
    expect(r.exitCode, r.stderr).toBe(0);
    const file = join(sb.dir, 'lonespecifikation-2025-11-1003-print.pdf');
    expect(r.stderr).toContain(`Wrote the print payslip of 1003 Linnéa Bäckström (19730288-****)`);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain('would: print (no mailbox; print handling)');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [page] = await readPages(readFileSync(file));
    const name = page!.items.find((i) => i.str === 'Linnéa Bäckström')!;
    // The C5 left window: 20–110 mm across, 45–90 mm down.
    expect(name.leftMm).toBeGreaterThanOrEqual(20);
    expect(name.baselineMm).toBeGreaterThan(45);
    expect(name.baselineMm).toBeLessThan(90);
    expect(page!.text).toContain('Avs: Ekbacken Bygg & Måleri AB, Kvarngatan 14, 222 21 Lund Linnéa Bäckström Södra Esplanaden 21 lgh 1102 211 42 Malmö');
  });

  test('an existing file is overwritten and narrowed to owner-only', async () => {
    const file = join(sb.dir, 'shared.pdf');
    writeFileSync(file, 'old');
    chmodSync(file, 0o644);
    const r = await sb.run(['preview', '1004', '--date', '2025-11-25', '--out', file]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('a preliminary payslip needs --status preliminary, and is marked PRELIMINÄR', async () => {
    const final = await sb.run(['preview', '1001', '--date', '2025-12-23', '--out', '-']);
    expect(final.exitCode).toBe(2);
    expect(final.stderr).toContain('No pay run has payout date 2025-12-23 (final).');
    const r = await runBytes(sb, ['preview', '1001', '--date', '2025-12-23', '--status', 'preliminary', '--out', '-']);
    expect(r.exitCode).toBe(0);
    const [page] = await readPages(new Uint8Array(r.stdout));
    expect(page!.text).toContain('PRELIMINÄR');
    expect(page!.text).toContain('Löneperiod 2025-12-01 – 2025-12-31');
  });

  test('a payslip a send would fail is still shown, with the reason', async () => {
    const r = await sb.run(['preview', '1008', '--date', '2025-11-25', '--out', join(sb.dir, 'ingrid.pdf'), '--show-personnummer']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('would: fail (personnummer is missing)');
    expect(r.stderr).toContain('A send would not deliver this payslip to Kivra (missing_personnummer)');
  });

  test('bad input is a usage error (exit 2) that names the problem, and writes nothing', async () => {
    const out = join(sb.dir, 'never.pdf');
    const cases: Array<[string[], string]> = [
      [['preview', '9999', '--date', '2025-11-25', '--out', out], '9999 has no payslip with payout date 2025-11-25 (final).'],
      [['preview', '1001', '--date', '2025-13-45', '--out', out], '--date: "2025-13-45" is not a date'],
      [['preview', '1001', '--out', out], 'required option --date <date> not given'],
    ];
    for (const [args, message] of cases) {
      const r = await sb.run(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
    const json = await sb.run(['preview', '9999', '--date', '2025-11-25', '--out', out, '--json']);
    expect(sb.json(json).error).toMatchObject({ code: 'no_payslip' });
    expect(existsSync(out)).toBe(false);
  });

  test('needs only the read role; an unknown operator is refused', async () => {
    expect((await sb.run(['users', 'add', 'vera', '--role', 'viewer'])).exitCode).toBe(0);
    const viewer = await sb.run(['preview', '1001', '--date', '2025-11-25', '--out', join(sb.dir, 'vera.pdf')], { env: { PAYSLIPS_USER: 'vera' } });
    expect(viewer.exitCode, String(viewer.stderr)).toBe(0);
    const stranger = await sb.run(['preview', '1001', '--date', '2025-11-25', '--out', join(sb.dir, 'mallory.pdf')], { env: { PAYSLIPS_USER: 'mallory' } });
    expect(stranger.exitCode).toBe(4);
    expect(existsSync(join(sb.dir, 'mallory.pdf'))).toBe(false);
  });
});

describe('a company\'s own template', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await sampleCompany();
  });
  afterAll(() => sb?.cleanup());

  test('changes labels, colours, footer and logo in preview and in what send delivers', async () => {
    const dir = join(sb.dir, 'mall');
    mkdirSync(dir);
    writeFileSync(join(dir, 'logo.png'), logoPng());
    writeFileSync(
      join(dir, 'template.json'),
      JSON.stringify({
        logo: { file: 'logo.png', widthMm: 40 },
        colours: { accent: '#1f7850' },
        footer: 'Frågor om lönen? Ring lönekontoret på 046-12 34 56.',
        labels: { title: 'Lönebesked', netPay: 'Netto till ditt konto', vacation: 'Semesterdagar' },
      }),
    );
    expect((await sb.run(['activate', '--template-dir', dir])).exitCode).toBe(0);

    const file = join(sb.dir, 'custom.pdf');
    const r = await sb.run(['preview', '1005', '--date', '2025-11-25', '--out', file]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const pdf = readFileSync(file);
    const [page] = await readPages(pdf);
    expect(page!.text).toContain('Lönebesked');
    expect(page!.text).toMatch(/Netto till ditt konto [\d ]+,\d\d/);
    expect(page!.text).toContain('Semesterdagar');
    expect(page!.text).toContain('Frågor om lönen? Ring lönekontoret på 046-12 34 56.');
    expect(page!.text).not.toContain('Att utbetala');
    expect(page!.text).not.toContain('Lönespecifikation');
    expect(await countImages(pdf)).toBe(1);
    for (const font of await readFonts(pdf)) expect(font.fontFile).toBe('FontFile2');

    const sent = await sb.run(['send', '--date', '2025-11-25', '--employees', '1005', '--yes']);
    expect(sent.exitCode, String(sent.stderr)).toBe(0);
    expect(deliveredPdf('200202202388').equals(pdf)).toBe(true);
  });

  test('a template that makes the payload too big for Kivra: preview warns, send refuses it before posting', async () => {
    const dir = join(sb.dir, 'mall-stor');
    mkdirSync(dir);
    writeFileSync(join(dir, 'logo.png'), noisePng(520));
    writeFileSync(join(dir, 'template.json'), JSON.stringify({ logo: { file: 'logo.png' } }));
    expect((await sb.run(['activate', '--template-dir', dir])).exitCode).toBe(0);

    const r = await sb.run(['preview', '1002', '--date', '2025-11-25', '--out', join(sb.dir, 'big.pdf'), '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(sb.json(r).payload).toMatchObject({ ok: false, code: 'payload_too_large' });

    const posted = kivra.state.requests.content;
    const sent = await sb.run(['send', '--date', '2025-11-25', '--employees', '1002', '--yes', '--json']);
    expect(sent.exitCode).toBe(3);
    expect(kivra.state.requests.content).toBe(posted);
    const job = sb.json(sent).jobId as number;
    const log = sb.json(await sb.run(['log', String(job), '--json']));
    expect(log.job.items).toEqual([
      expect.objectContaining({ employeeNumber: '1002', outcome: 'failed', errorCode: 'payload_too_large', errorMessage: expect.stringMatching(/over Kivra's limit of 1000000 bytes; it was not sent/) }),
    ]);
  });

  test('an invalid template is a usage error that says what is wrong, at activate and at preview', async () => {
    const dir = join(sb.dir, 'mall-fel');
    mkdirSync(dir);
    const invalid = JSON.stringify({ labels: { page: 'Sida' }, colours: { accent: 'green' } });
    writeFileSync(join(dir, 'template.json'), invalid);
    const refused = await sb.run(['activate', '--template-dir', dir]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`The payslip template ${dir} is invalid.`);
    // Broken after it was accepted: preview says so too, and writes no file.
    writeFileSync(join(dir, 'template.json'), '{}');
    expect((await sb.run(['activate', '--template-dir', dir])).exitCode).toBe(0);
    writeFileSync(join(dir, 'template.json'), invalid);
    const r = await sb.run(['preview', '1001', '--date', '2025-11-25', '--out', join(sb.dir, 'x.pdf')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`The payslip template ${dir} is invalid.`);
    expect(r.stderr).toContain('must contain {page} and {pages}');
    expect(r.stderr).toContain('expected a colour like #1f3a5f');
    expect(existsSync(join(sb.dir, 'x.pdf'))).toBe(false);
  });
});
