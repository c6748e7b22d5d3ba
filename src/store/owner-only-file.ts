import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';

/**
 * How every file the tool writes comes into being (CSV logs, previews, the credentials
 * file, print batches): owner-only (0600) from its first byte, whatever the umask or a
 * file it replaces was, and never through a symbolic link, which could put personnummer
 * or the client secret wherever the link points.
 */

/**
 * Writes `data` to `path` whole or not at all: into a new file beside it, created
 * exclusively with mode 0600, flushed to disk, then renamed over `path`. A reader or a
 * crash sees the old file or the new one, never half of one. An existing file is replaced,
 * not rewritten, so its mode (0644, say) does not carry over.
 *
 * A directory, a symbolic link or anything but a regular file at `path` is refused (exit 2)
 * rather than replaced: a link there was put there by someone on purpose, and quietly
 * replacing it would surprise them as much as writing through it would leak. Should a link
 * appear after the check, the rename replaces the link itself; it never follows it.
 */
export function writeOwnerOnlyFile(path: string, data: string | Uint8Array): void {
  assertFileTarget(path);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(temporary, 'wx', 0o600);
  } catch (error) {
    throw cannotWrite(path, error);
  }
  let unclosed = true;
  try {
    // The umask can only remove bits; say what the file must be.
    fchmodSync(fd, 0o600);
    writeFileSync(fd, data);
    fsyncSync(fd);
    unclosed = false;
    closeSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    if (unclosed) closeSync(fd);
    rmSync(temporary, { force: true });
    throw cannotWrite(path, error);
  }
}

/**
 * Creates a new owner-only file for writing bit by bit (the print batch), failing when
 * anything, a symbolic link included, already has the name: `wx` is O_CREAT|O_EXCL,
 * which never follows a link.
 */
export async function createOwnerOnlyFile(path: string): Promise<FileHandle> {
  const handle = await open(path, 'wx', 0o600);
  await handle.chmod(0o600);
  return handle;
}

/** Refuses (exit 2) a target that is not a regular file or a name still free. */
export function assertFileTarget(path: string): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw cannotWrite(path, error);
  }
  if (stat.isDirectory()) {
    const words = t().session.file;
    throw new UsageError(words.isDirectory(path), { code: 'target_is_directory', suggestion: words.isDirectoryFix(join(path, words.exampleName)) });
  }
  if (stat.isSymbolicLink()) {
    throw new UsageError(t().session.file.isSymlink(path), {
      code: 'target_is_symlink',
      suggestion: t().session.file.isSymlinkFix,
    });
  }
  if (!stat.isFile()) {
    throw new UsageError(t().session.file.notFile(path), { code: 'target_not_file', suggestion: t().session.file.notFileFix });
  }
}

/** Says why in words, without the name of the temporary file the system call was about. */
function cannotWrite(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = t().session.file.reason;
  const reason = (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
  return new UsageError(t().session.file.cannotWrite(path, reason), { code: 'cannot_write' });
}
