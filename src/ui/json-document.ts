/**
 * Writes a `--json` document a piece at a time, exactly as `JSON.stringify(value, null, 2)`
 * would print it, so a result listing tens of thousands of payslips is never one string
 * (with all its rows as objects) in memory. An array that is only produced on demand is
 * marked with `lazyArray` and may sit anywhere among an object's members (not inside an
 * ordinary array); everything else is ordinary JSON data.
 */

const LAZY = Symbol('lazy array');

interface LazyArray<T> {
  readonly [LAZY]: () => Iterable<T>;
}

/** Elements written one by one when the document is written, not before. */
export function lazyArray<T>(elements: () => Iterable<T>): LazyArray<T> {
  return { [LAZY]: elements };
}

function isLazyArray(value: unknown): value is LazyArray<unknown> {
  return typeof value === 'object' && value !== null && LAZY in value;
}

/** Text is handed on in pieces of about this size. */
const PIECE = 64 * 1024;

/**
 * Writes `value` and a final newline through `write`, which resolves when the reader can
 * take more (so a slow pipe holds back the reading, not memory).
 */
export async function writeJsonDocument(value: unknown, write: (text: string) => Promise<void>): Promise<void> {
  let pending = '';
  const emit = async (text: string): Promise<void> => {
    pending += text;
    if (pending.length >= PIECE) {
      const piece = pending;
      pending = '';
      await write(piece);
    }
  };
  // JSON text never holds a raw newline (strings escape it), so nesting is a replace.
  const nested = (text: string, indent: string): string => text.replaceAll('\n', `\n${indent}`);

  const writeValue = async (item: unknown, indent: string): Promise<void> => {
    if (isLazyArray(item)) {
      let first = true;
      for (const element of item[LAZY]()) {
        await emit(`${first ? '[' : ','}\n${indent}  `);
        await writeValue(element === undefined || typeof element === 'function' ? null : element, `${indent}  `);
        first = false;
      }
      await emit(first ? '[]' : `\n${indent}]`);
      return;
    }
    if (!containsLazyArray(item)) {
      await emit(nested(JSON.stringify(item, null, 2), indent));
      return;
    }
    // An object holding a lazy array somewhere below: written member by member.
    const entries = Object.entries(item as Record<string, unknown>).filter(([, member]) => member !== undefined && typeof member !== 'function');
    let first = true;
    for (const [key, member] of entries) {
      await emit(`${first ? '{' : ','}\n${indent}  ${JSON.stringify(key)}: `);
      await writeValue(member, `${indent}  `);
      first = false;
    }
    await emit(first ? '{}' : `\n${indent}}`);
  };

  await writeValue(value, '');
  await write(`${pending}\n`);
}

function containsLazyArray(value: unknown): boolean {
  if (isLazyArray(value)) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  return Object.values(value).some(containsLazyArray);
}
