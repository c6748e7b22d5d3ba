import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

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
    throw new UsageError(`${path} is a directory; give a file name.`, { code: 'target_is_directory', suggestion: `For example ${join(path, 'file-name')}.` });
  }
  if (stat.isSymbolicLink()) {
    throw new UsageError(`${path} is a symbolic link; payslips does not write through links, since the file would end up wherever the link points.`, {
      code: 'target_is_symlink',
      suggestion: 'Give the path of a file, or remove the link first.',
    });
  }
  if (!stat.isFile()) {
    throw new UsageError(`${path} is not a regular file; give a file name.`, { code: 'target_not_file', suggestion: 'Use - to write to standard output.' });
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'its directory does not exist',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
};

/** Says why in words, without the name of the temporary file the system call was about. */
function cannotWrite(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  return new UsageError(`Cannot write ${path}: ${reason}.`, { code: 'cannot_write' });
}
