import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { createPrintBatch } from '../../src/render/print-batch.js';
import { renderPayslipPdf } from '../../src/render/payslip-pdf.js';
import { loadTemplate } from '../../src/render/template.js';
import { findCredentials, rememberCredentials } from '../../src/store/credentials.js';
import { writeOwnerOnlyFile } from '../../src/store/owner-only-file.js';
import { document } from '../render/documents.js';

/**
 * Every writer of files goes through owner-only-file.ts. These run in this process, whose
 * umask (unlike the CLI's 077) lets group and others read what is created with no mode.
 */

let dir: string;
let umask: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payslips-files-'));
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('writeOwnerOnlyFile', () => {
  test('a new file and a replaced 0644 one are both 0600, with nothing left beside them', () => {
    const path = join(dir, 'log.csv');
    writeOwnerOnlyFile(path, 'a,b\r\n');
    expect(mode(path)).toBe('600');
    chmodSync(path, 0o644);
    writeOwnerOnlyFile(path, new Uint8Array([0x31]));
    expect(mode(path)).toBe('600');
    expect(readFileSync(path, 'utf8')).toBe('1');
    expect(readdirSync(dir)).toEqual(['log.csv']);
  });

  test('a write that fails halfway leaves the old file as it was, and no temporary file', () => {
    const path = join(dir, 'log.csv');
    writeFileSync(path, 'the old log');
    // Not something the file system can take: the write after the temporary file was made throws.
    expect(() => writeOwnerOnlyFile(path, 42 as unknown as string)).toThrow(UsageError);
    expect(readFileSync(path, 'utf8')).toBe('the old log');
    expect(readdirSync(dir)).toEqual(['log.csv']);
  });
});

describe('the credentials file', () => {
  const env = (path: string): NodeJS.ProcessEnv => ({ PAYSLIPS_CREDENTIALS: path });
  const secret = { clientId: 'client-1', clientSecret: 'secret-Zx81' };

  test('remembering credentials leaves a 0600 file, also where a 0644 one was', () => {
    const path = join(dir, 'config', 'credentials.json');
    mkdirSync(join(dir, 'config'));
    writeFileSync(path, JSON.stringify({ version: 1, companies: { '5560000000': { production: { client_id: 'x', client_secret: 'y' } } } }));
    chmodSync(path, 0o644);
    rememberCredentials(env(path), '5566778899', 'sandbox', secret);
    expect(mode(path)).toBe('600');
    expect(findCredentials(env(path), '5566778899', 'sandbox')).toMatchObject(secret);
    expect(findCredentials(env(path), '5560000000', 'production')).toMatchObject({ clientId: 'x' });
    expect(readdirSync(join(dir, 'config'))).toEqual(['credentials.json']);
  });

  test('a symbolic link in its place is refused and what it points at is untouched', () => {
    const elsewhere = join(dir, 'dotfiles.json');
    writeFileSync(elsewhere, '{"version":1,"companies":{}}');
    const path = join(dir, 'credentials.json');
    symlinkSync(elsewhere, path);
    expect(() => rememberCredentials(env(path), '5566778899', 'sandbox', secret)).toThrow(/is a symbolic link/);
    expect(readFileSync(elsewhere, 'utf8')).toBe('{"version":1,"companies":{}}');
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
  });
});

describe('the print batch', () => {
  test('its files are 0600; a symbolic link at a working name is left alone, never written through', async () => {
    const template = await loadTemplate();
    const pdf = await renderPayslipPdf(document(), template, { variant: 'print' });

    const batch = await createPrintBatch(dir, 'print-job-1');
    await batch.add(document(), pdf);
    const result = await batch.finish();
    expect([mode(result.pdfPath!), mode(result.manifestPath!)]).toEqual(['600', '600']);

    const target = join(dir, 'target.txt');
    writeFileSync(target, 'untouched');
    symlinkSync(target, join(dir, 'print-job-2.csv.partial'));
    const second = await createPrintBatch(dir, 'print-job-2');
    await second.add(document(), pdf);
    const written = await second.finish();
    expect(written.pdfPath).toBe(join(dir, 'print-job-2-2.pdf'));
    expect(readFileSync(target, 'utf8')).toBe('untouched');
    expect(lstatSync(join(dir, 'print-job-2.csv.partial')).isSymbolicLink()).toBe(true);
  });

  test('a symbolic link at the finished name is neither followed nor replaced', async () => {
    const template = await loadTemplate();
    const pdf = await renderPayslipPdf(document(), template, { variant: 'print' });
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'untouched');
    symlinkSync(target, join(dir, 'print-job-3.pdf'));
    const batch = await createPrintBatch(dir, 'print-job-3');
    await batch.add(document(), pdf);
    const result = await batch.finish();
    expect(result.pdfPath).toBe(join(dir, 'print-job-3-2.pdf'));
    expect(readFileSync(target, 'utf8')).toBe('untouched');
    expect(lstatSync(join(dir, 'print-job-3.pdf')).isSymbolicLink()).toBe(true);
    expect(lstatSync(result.pdfPath!).isFile()).toBe(true);
    expect(mode(result.pdfPath!)).toBe('600');
  });

  test('a re-run in the same second keeps the earlier batch and passes a dead run\'s working files by', async () => {
    // The name carries the time to the second: a killed run's working files, or a batch an
    // interrupted run finished, may be at the very name the re-run would take.
    const template = await loadTemplate();
    const pdf = await renderPayslipPdf(document(), template, { variant: 'print' });
    const earlier = await createPrintBatch(dir, 'print-job-4');
    await earlier.add(document(), pdf);
    const first = await earlier.finish();
    const before = readFileSync(first.pdfPath!);
    writeFileSync(join(dir, 'print-job-4-2.pdf.partial'), 'a killed run was writing this');

    const rerun = await createPrintBatch(dir, 'print-job-4');
    await rerun.add(document(), pdf);
    const second = await rerun.finish();
    expect(second.pdfPath).toBe(join(dir, 'print-job-4-3.pdf'));
    expect(second.manifestPath).toBe(join(dir, 'print-job-4-3.csv'));
    expect(readFileSync(first.pdfPath!)).toEqual(before);
    expect(readFileSync(join(dir, 'print-job-4-2.pdf.partial'), 'utf8')).toBe('a killed run was writing this');
  });
});
