import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localMonthEnd, type MonthEnd } from '../helpers/month-end.js';

/**
 * Files the tool writes at a path the user gives (`log --csv`, `preview --out`) end up
 * owner-only whatever was there, replace a file rather than rewrite it, and are never
 * written through a symbolic link or into a directory's name.
 */

let sb: MonthEnd;
beforeAll(async () => {
  sb = await localMonthEnd();
  const sent = await sb.run(['send', '--date', '2025-10-24', '--employees', '1001', '--yes']);
  if (sent.exitCode !== 0) throw new Error(`send exited ${sent.exitCode}: ${String(sent.stderr)}`);
});
afterAll(() => sb?.cleanup());

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
/** What a directory holds, so a test can see that no temporary file was left behind. */
const listing = (dir: string): string[] => readdirSync(dir).sort();

const WRITERS: Array<[string, (target: string) => string[]]> = [
  ['log --csv', (target) => ['log', '1', '--csv', target]],
  ['log --csv --excel', (target) => ['log', '1', '--csv', target, '--excel']],
  ['preview --out', (target) => ['preview', '1001', '--date', '2025-11-25', '--out', target]],
];

describe.each(WRITERS)('%s', (name, args) => {
  const dirFor = (what: string): string => {
    const dir = join(sb.dir, `${name.replace(/\W+/g, '-')}-${what}`);
    mkdirSync(dir);
    return dir;
  };

  test('an existing world-readable file is replaced by an owner-only one', async () => {
    const dir = dirFor('existing');
    const target = join(dir, 'out');
    writeFileSync(target, 'old content');
    chmodSync(target, 0o644);
    const inode = statSync(target).ino;
    const r = await sb.run(args(target));
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(mode(target)).toBe('600');
    expect(readFileSync(target, 'utf8')).not.toContain('old content');
    // A new file took the name: the old one was not rewritten in place.
    expect(statSync(target).ino).not.toBe(inode);
    expect(listing(dir)).toEqual(['out']);
  });

  test('a symbolic link at the path is refused (exit 2); what it points at is untouched', async () => {
    const dir = dirFor('link');
    const elsewhere = join(dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'not yours');
    chmodSync(elsewhere, 0o644);
    const link = join(dir, 'out');
    symlinkSync(elsewhere, link);
    const r = await sb.run(args(link));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${link} is a symbolic link; payslips does not write through links`);
    expect(readFileSync(elsewhere, 'utf8')).toBe('not yours');
    expect(mode(elsewhere)).toBe('644');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(elsewhere);
    expect(listing(dir)).toEqual(['elsewhere.txt', 'out']);

    // A dangling link is refused the same way, and does not come into being as a file.
    const dangling = join(dir, 'dangling');
    symlinkSync(join(dir, 'nowhere.txt'), dangling);
    expect((await sb.run(args(dangling))).exitCode).toBe(2);
    expect(existsSync(join(dir, 'nowhere.txt'))).toBe(false);
  });

  test('a directory is a usage error (exit 2) that asks for a file name; nothing is written', async () => {
    const dir = dirFor('dir');
    const r = await sb.run([...args(dir), '--json']);
    expect(r.exitCode).toBe(2);
    expect(sb.json(r).error).toMatchObject({ code: 'target_is_directory', message: `${dir} is a directory; give a file name.` });
    expect(listing(dir)).toEqual([]);
  });

  test('a directory that does not exist is a usage error (exit 2)', async () => {
    const r = await sb.run(args(join(sb.dir, 'no-such-dir', 'out')));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`Cannot write ${join(sb.dir, 'no-such-dir', 'out')}: its directory does not exist.`);
  });
});
