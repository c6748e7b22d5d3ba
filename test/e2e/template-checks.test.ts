import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dropLocalTemplate, localMonthEnd, type MonthEnd } from '../helpers/month-end.js';
import { countImages } from '../render/pdf-inspect.js';
import { greyJpeg } from '../render/jpeg.js';
import { chunk, logoPng, noisePng } from '../render/png.js';

/**
 * `activate --template-dir` checks everything a template names before it is accepted,
 * so a template cannot fail every payslip of the next send or make `send` read a file
 * from elsewhere on the machine: the logo decoded and bounded (4000 × 4000 pixels, 2 MB),
 * labels and footer bounded and free of control characters, every file inside the
 * template directory. Exit 2 naming the file and what is wrong; nothing written.
 */

let sb: MonthEnd;
let count = 0;
beforeAll(async () => {
  sb = await localMonthEnd();
});
afterAll(() => {
  sb?.cleanup();
  dropLocalTemplate();
});

/** A fresh template directory with these files and template.json. */
function template(config: Record<string, unknown>, files: Record<string, Buffer | string> = {}): string {
  const dir = join(sb.dir, `mall-${++count}`);
  mkdirSync(dir);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'template.json'), JSON.stringify(config));
  return dir;
}

/** activate refuses the directory (exit 2, invalid_template) and keeps the setting it had. */
async function refused(dir: string): Promise<string> {
  const before = sb.json(await sb.run(['activate', '--json'])).company.settings.templateDir;
  const r = await sb.run(['activate', '--template-dir', dir, '--json']);
  expect(r.exitCode, String(r.stdout)).toBe(2);
  const { error } = sb.json(r);
  expect(error.code).toBe('invalid_template');
  expect(sb.json(await sb.run(['activate', '--json'])).company.settings.templateDir).toBe(before);
  return [error.message, ...(error.details ?? [])].join('\n');
}

const PNG_START = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function ihdr(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8);
  header.writeUInt8(2, 9);
  return chunk('IHDR', header);
}

describe('the logo', () => {
  test('a PNG and a baseline JPEG are accepted, and the JPEG is on the payslip', async () => {
    const png = template({ logo: { file: 'logo.png' } }, { 'logo.png': logoPng() });
    expect((await sb.run(['activate', '--template-dir', png])).exitCode).toBe(0);
    const jpeg = template({ logo: { file: 'logo.jpg' } }, { 'logo.jpg': greyJpeg(64, 32) });
    expect((await sb.run(['activate', '--template-dir', jpeg])).exitCode).toBe(0);
    const out = join(sb.dir, 'jpeg-logo.pdf');
    const r = await sb.run(['preview', '1001', '--date', '2025-11-25', '--out', out]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(await countImages(readFileSync(out))).toBe(1);
    expect((await sb.run(['activate', '--template-dir', 'default'])).exitCode).toBe(0);
  });

  test.each([
    ['cut short', () => logoPng().subarray(0, logoPng().length - 40), 'is cut short in its IDAT chunk'],
    ['a damaged byte', () => {
      const bytes = Buffer.from(logoPng());
      bytes.writeUInt8(bytes.readUInt8(60) ^ 0xff, 60);
      return bytes;
    }, 'is damaged: its IDAT chunk has a wrong checksum'],
    ['pixel data that is not compressed data', () => Buffer.concat([PNG_START, ihdr(240, 60), chunk('IDAT', Buffer.from('not zlib at all')), chunk('IEND', Buffer.alloc(0))]), 'is damaged or cut short: its pixel data cannot be decompressed'],
    ['less pixel data than its size', () => Buffer.concat([PNG_START, ihdr(240, 60), chunk('IDAT', deflateSync(Buffer.alloc(30 * (1 + 240 * 3)))), chunk('IEND', Buffer.alloc(0))]), 'is cut short: it holds less pixel data than its size says'],
    ['40,000 × 40,000 pixels', () => Buffer.concat([PNG_START, ihdr(40_000, 40_000), chunk('IDAT', deflateSync(Buffer.alloc(100))), chunk('IEND', Buffer.alloc(0))]), 'is 40000 × 40000 pixels; a logo may be at most 4000 × 4000'],
    ['text named .png', () => Buffer.from('just text'), 'is neither a PNG nor a JPEG image'],
  ])('a PNG logo with %s is refused', async (_what, bytes, problem) => {
    const dir = template({ logo: { file: 'logo.png' } }, { 'logo.png': bytes() });
    const message = await refused(dir);
    expect(message).toContain(`The template's logo ${join(dir, 'logo.png')} ${problem}`);
  });

  test('a JPEG cut short, or a lossless JPEG, is refused', async () => {
    const whole = greyJpeg(64, 32);
    const cut = template({ logo: { file: 'logo.jpg' } }, { 'logo.jpg': whole.subarray(0, whole.length - 2) });
    expect(await refused(cut)).toContain(`The template's logo ${join(cut, 'logo.jpg')} is cut short`);
    const lossless = Buffer.from(whole);
    lossless[lossless.indexOf(Buffer.from([0xff, 0xc0])) + 1] = 0xc3;
    const odd = template({ logo: { file: 'logo.jpg' } }, { 'logo.jpg': lossless });
    expect(await refused(odd)).toContain('that PDF readers cannot show');
  });

  test('a logo over 2 MB is refused before it is read', async () => {
    const dir = template({ logo: { file: 'logo.png' } }, { 'logo.png': noisePng(900) });
    expect(await refused(dir)).toMatch(new RegExp(`The template's logo ${join(dir, 'logo.png')} is 2\\.\\d MB; it may be at most 2\\.0 MB`));
  });

  test('a template checked at activate but broken since is refused when it is loaded to render', async () => {
    const dir = template({ logo: { file: 'logo.png' } }, { 'logo.png': logoPng() });
    expect((await sb.run(['activate', '--template-dir', dir])).exitCode).toBe(0);
    writeFileSync(join(dir, 'logo.png'), logoPng().subarray(0, 100));
    const r = await sb.run(['preview', '1001', '--date', '2025-11-25', '--out', join(sb.dir, 'broken.pdf')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`The template's logo ${join(dir, 'logo.png')} is cut short`);
    expect((await sb.run(['activate', '--template-dir', 'default'])).exitCode).toBe(0);
  });
});

describe('files outside the template directory', () => {
  test('a logo or font named by a path that leaves the directory is refused', async () => {
    writeFileSync(join(sb.dir, 'outside.png'), logoPng());
    const up = template({ logo: { file: '../outside.png' } });
    expect(await refused(up)).toContain(`The template's logo "../outside.png" is outside the template directory ${up}`);

    const absolute = template({ logo: { file: join(sb.dir, 'outside.png') } });
    expect(await refused(absolute)).toContain(`must be a file in the template directory ${absolute}, named relative to it`);

    const font = template({ fonts: { regular: '../../etc/font.ttf' } });
    expect(await refused(font)).toContain(`The template's font "../../etc/font.ttf" is outside the template directory ${font}`);
  });

  test('a link inside the directory that leads out of it is refused', async () => {
    const dir = template({ logo: { file: 'logo.png' } });
    symlinkSync(join(sb.dir, 'outside.png'), join(dir, 'logo.png'));
    expect(await refused(dir)).toContain(`The template's logo "logo.png" is outside the template directory ${dir} (it leads to ${join(sb.dir, 'outside.png')})`);
  });
});

describe('labels and footer', () => {
  test('a label over 80 characters, a control character or a footer over 400 characters is refused', async () => {
    expect(await refused(template({ labels: { title: 'L'.repeat(81) } }))).toContain('labels.title: at most 80 characters');
    expect(await refused(template({ labels: { netPay: 'Att\nutbetala' } }))).toContain('labels.netPay: no control characters');
    expect(await refused(template({ footer: 'F'.repeat(401) }))).toContain('footer: at most 400 characters');
    expect((await sb.run(['activate', '--template-dir', template({ labels: { title: 'L'.repeat(80) }, footer: 'F'.repeat(400) })])).exitCode).toBe(0);
    expect((await sb.run(['activate', '--template-dir', 'default'])).exitCode).toBe(0);
  });
});

describe('template.json problems in the run\'s words', () => {
  test('where in the file and what is wrong, without the validation library\'s own text, in English and Swedish', async () => {
    const dir = template({ labels: { title: 5, netPay: '' }, colour: {}, logo: { file: 'logo.png', widthMm: 200 } });
    const en = await refused(dir);
    expect(en).toContain('labels.title: expected text');
    expect(en).toContain('labels.netPay: must not be empty');
    expect(en).toContain('logo.widthMm: at most 80');
    expect(en).toContain('unknown key colour; template.json takes fonts, colours, logo, footer and labels');
    expect(en).not.toMatch(/✖|→|Invalid input|Unrecognized/);

    const sv = await sb.run(['activate', '--template-dir', dir, '--json', '--lang', 'sv']);
    expect(sv.exitCode).toBe(2);
    const text = [sb.json(sv).error.message, ...sb.json(sv).error.details].join('\n');
    expect(text).toContain('labels.title: text väntas');
    expect(text).toContain('labels.netPay: får inte vara tomt');
    expect(text).toContain('logo.widthMm: högst 80');
    expect(text).toContain('okänd nyckel colour');
    expect(text).not.toMatch(/✖|→|expected|must|unknown key/);
  });
});
